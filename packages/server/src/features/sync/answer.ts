import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { PullPage } from './pull.js';

/** Rows per piece of the body: about 100 KB of JSON, so no one piece holds the event loop for long. */
const ROWS_PER_PIECE = 250;

/** The page's JSON in pieces: its small fields, then its rows (already JSON text) a few hundred at a time. */
function* pieces(page: PullPage): Generator<string> {
  const { rows, ...rest } = page;
  // `{…fields…}` opened again to append the rows: one JSON object, as PullResponse describes it.
  yield `${JSON.stringify(rest).slice(0, -1)},"rows":[`;
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE)
    yield (i === 0 ? '' : ',') + rows.slice(i, i + ROWS_PER_PIECE).join(',');
  yield ']}';
}

/**
 * The pull's answer, streamed: the page's pieces go to gzip one at a time as
 * the caller reads (no one string of the whole page, no second copy of it
 * encoded), and the compressing happens off the event loop. `over` is told once
 * the answer is over: `true` when it was read to its end, `false` when it
 * failed or the caller went away, so the place it held is given back either way.
 */
export function pullAnswer(page: PullPage, gzip: boolean, over: (readToEnd: boolean) => void): Response {
  const source = Readable.from(pieces(page));
  const body = gzip ? source.pipe(createGzip()) : source;
  const chunks = body[Symbol.asyncIterator]();
  let done = false;
  const finish = (readToEnd: boolean) => {
    if (done) return;
    done = true;
    source.destroy();
    body.destroy();
    over(readToEnd);
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) {
            controller.close();
            finish(true);
          } else {
            const chunk = next.value as Buffer | string;
            controller.enqueue(typeof chunk === 'string' ? Buffer.from(chunk) : new Uint8Array(chunk));
          }
        } catch (error) {
          finish(false);
          controller.error(error);
        }
      },
      cancel() {
        finish(false);
      },
    },
    // Nothing is made before the caller asks for it: the place is held until the last piece is taken.
    { highWaterMark: 0 },
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    vary: 'accept-encoding',
  };
  if (gzip) headers['content-encoding'] = 'gzip';
  return new Response(stream, { status: 200, headers });
}

/** Whether the caller takes gzip (every browser does); `gzip;q=0` refuses it. */
export function takesGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name?.trim() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
