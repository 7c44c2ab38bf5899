import { describe, expect, it } from 'vitest';
import { BINARY_HEADER, BINARY_TRAILER, BinaryCopyError, TupleBlocks } from './binary-rows.js';

/** A tuple as COPY writes it: the field count, then each field's length (-1: null) and bytes. */
function tuple(...fields: (string | null)[]): Buffer {
  const parts = [Buffer.alloc(2)];
  parts[0]?.writeInt16BE(fields.length);
  for (const f of fields) {
    const length = Buffer.alloc(4);
    length.writeInt32BE(f === null ? -1 : Buffer.byteLength(f));
    parts.push(length, ...(f === null ? [] : [Buffer.from(f)]));
  }
  return Buffer.concat(parts);
}

const tuples = [tuple('a', null, 'ccc'), tuple('', 'dd', null), tuple('eeeeeeee', 'f', 'g')];
const stream = Buffer.concat([BINARY_HEADER, ...tuples, BINARY_TRAILER]);

/** The stream cut into chunks of `size` bytes, through one TupleBlocks. */
function cut(bytes: Buffer, size: number) {
  const blocks = new TupleBlocks();
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(...blocks.push(bytes.subarray(at, at + size)));
  out.push(...blocks.end());
  return { rows: blocks.rows, bytes: Buffer.concat(out) };
}

describe('COPY binary output cut into blocks of whole tuples', () => {
  it.each([1, 2, 3, 5, 7, 19, 20, 64, stream.length])(
    'in chunks of %i bytes: the three tuples, counted, without header or trailer',
    (size) => {
      expect(cut(stream, size)).toEqual({ rows: 3, bytes: Buffer.concat(tuples) });
    },
  );

  it('a header extension is skipped', () => {
    const extended = Buffer.concat([BINARY_HEADER.subarray(0, 15), Buffer.from([0, 0, 0, 3, 1, 2, 3])]);
    const bytes = Buffer.concat([extended, ...tuples, BINARY_TRAILER]);
    expect(cut(bytes, 4)).toEqual({ rows: 3, bytes: Buffer.concat(tuples) });
  });

  it('an empty table: no block, no rows', () => {
    expect(cut(Buffer.concat([BINARY_HEADER, BINARY_TRAILER]), 5)).toEqual({
      rows: 0,
      bytes: Buffer.alloc(0),
    });
  });

  it.each([
    ['text where binary was asked for', Buffer.from('a\tb\n')],
    ['a stream cut before its trailer', Buffer.concat([BINARY_HEADER, ...tuples])],
    ['a tuple cut short', Buffer.concat([BINARY_HEADER, tuples[0]?.subarray(0, 5) ?? Buffer.alloc(0)])],
    ['bytes after the trailer', Buffer.concat([stream, Buffer.from([0])])],
  ])('refuses %s', (_why, bytes) => {
    expect(() => cut(bytes, 3)).toThrow(BinaryCopyError);
  });
});
