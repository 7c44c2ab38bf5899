import { answerOf, networkProblem, requestLanguage } from './api';

/**
 * Posts a file as its own bytes (not base64 in JSON) to a route that takes one, and answers as
 * api() does. XMLHttpRequest rather than fetch: only it tells how much of a big file has gone,
 * which `onSent` hears as a fraction from 0 to 1, so a slow connection shows it moving.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  type: string,
  onSent?: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', requestLanguage());
    request.setRequestHeader('Content-Type', type);
    if (onSent) {
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onSent(event.loaded / event.total);
      };
      // All of it sent: said even when the browser gave no progress on the way (a small file).
      request.upload.onload = () => onSent(1);
    }
    request.onerror = () => reject(networkProblem());
    request.onabort = () => reject(networkProblem());
    request.onload = () => {
      const headers = new Headers();
      for (const name of ['content-type', 'retry-after']) {
        const value = request.getResponseHeader(name);
        if (value) headers.set(name, value);
      }
      const empty = request.status === 204 || request.status === 304;
      const response = new Response(empty ? null : request.responseText, { status: request.status, headers });
      answerOf<T>(response, path).then(resolve, reject);
    };
    request.send(file);
  });
}
