// The few routes that take a file as its own bytes (a 10 MB directory sheet), not as base64 inside
// JSON: base64 makes a file a third bigger, and the server held it three times over (the text, the
// decoded bytes, the parsed rows). They set their own body limit in place of the API's 1 MB one.
import { directorySheetMaxBytes, directorySheetTypes, PuenteError, sizeWords } from '@puente/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimitByLength } from './node-fast-path.js';

interface Upload {
  maxBytes: number;
  types: readonly string[];
}

const directorySheet: Upload = { maxBytes: directorySheetMaxBytes, types: directorySheetTypes };

/** Each upload route, by its exact path. */
const uploads = new Map<string, Upload>([
  ['/api/directory/sheet/check', directorySheet],
  ['/api/directory/sheet/runs', directorySheet],
]);

const mediaType = (c: Context) =>
  (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * The upload a request makes, when it posts a file's own type to an upload route. A JSON body
 * sent there is not one: it stays under the API's 1 MB limit and the route refuses it.
 */
export function uploadOf(c: Context): Upload | undefined {
  const upload = c.req.method === 'POST' ? uploads.get(c.req.path) : undefined;
  return upload?.types.includes(mediaType(c)) ? upload : undefined;
}

/**
 * A route's middleware: the body must be one of the route's file types (415 otherwise) and
 * weigh no more than its limit (413 in the caller's language otherwise, before it is read when
 * its length is declared, as it streams when not).
 */
export function fileUpload(path: string): MiddlewareHandler {
  const upload = uploads.get(path);
  if (!upload) throw new Error(`${path} is not an upload route`);
  const limit = bodyLimitByLength({
    maxSize: upload.maxBytes,
    onError: () => {
      throw new PuenteError(413, 'errors.sheetTooLarge', { limit: sizeWords(upload.maxBytes) });
    },
  });
  return async (c, next) => {
    if (!uploadOf(c)) throw new PuenteError(415, 'errors.uploadType');
    return limit(c, next);
  };
}

/** The file's bytes, read once: no copy as text or base64. */
export const uploadedBytes = async (c: Context): Promise<Uint8Array> =>
  new Uint8Array(await c.req.arrayBuffer());
