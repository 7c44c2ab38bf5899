/**
 * Rows in COPY's binary format, framed for a backup. PostgreSQL writes and
 * reads its binary format with less than half the CPU of its text format (a
 * million visits: 2.8 s of the loading backend's CPU as text, 1.2 s binary),
 * and a restore's load is that backend's work. The stream is a header, tuples
 * and a trailer; a backup keeps only the tuples, in blocks of whole tuples,
 * each after a line with its length in bytes and the last followed by "0":
 *
 *   {"table": "encounter", ..., "rowsAs": "binary"}
 *   1048570\n<1048570 bytes of whole tuples>
 *   0\n
 *
 * Whole tuples let a restore hand each block to its own COPY (PGlite copies
 * a blob at a time) by putting the header and trailer back around it.
 */

/** The 11-byte signature, no flags, no header extension. */
export const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** A field count of -1. */
export const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Bytes of tuples gathered before a block is written: a part of the sealed file, about. */
const BLOCK_BYTES = 1 << 20;

/** Not what PostgreSQL writes: the backup stops rather than write something no restore can read. */
export class BinaryCopyError extends Error {}

/**
 * Cuts COPY's binary output, as chunks arrive at any byte, into blocks of
 * whole tuples, counting them. `push` returns the blocks ready; `end` the last
 * one and checks the stream ended with its trailer.
 */
export class TupleBlocks {
  #pending: Buffer = Buffer.alloc(0);
  #ready: Buffer[] = [];
  #readyBytes = 0;
  #header = false;
  #ended = false;
  rows = 0;

  push(chunk: Buffer): Buffer[] {
    if (this.#ended) {
      if (chunk.length > 0) throw new BinaryCopyError('bytes after the trailer');
      return [];
    }
    let data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    if (!this.#header) {
      if (data.length < BINARY_HEADER.length) {
        this.#pending = data;
        return [];
      }
      if (!data.subarray(0, 11).equals(BINARY_HEADER.subarray(0, 11)))
        throw new BinaryCopyError('no binary COPY signature');
      const extension = data.readUInt32BE(15);
      if (data.length < 19 + extension) {
        this.#pending = data;
        return [];
      }
      data = data.subarray(19 + extension);
      this.#header = true;
    }
    let at = 0;
    for (;;) {
      if (data.length - at < 2) break;
      const fields = data.readInt16BE(at);
      if (fields === -1) {
        this.#ended = true;
        if (data.length - at > 2) throw new BinaryCopyError('bytes after the trailer');
        this.#take(data.subarray(0, at));
        this.#pending = Buffer.alloc(0);
        return this.#blocks(true);
      }
      let end = at + 2;
      let whole = true;
      for (let f = 0; f < fields; f++) {
        if (data.length - end < 4) {
          whole = false;
          break;
        }
        const length = data.readInt32BE(end);
        end += 4 + Math.max(0, length);
        if (end > data.length) {
          whole = false;
          break;
        }
      }
      if (!whole) break;
      at = end;
      this.rows++;
    }
    this.#take(data.subarray(0, at));
    // What is left is part of one tuple: copied, since the chunk it lies in is handed on.
    this.#pending = Buffer.from(data.subarray(at));
    return this.#blocks(false);
  }

  /** The last block; throws when the stream stopped before its trailer. */
  end(): Buffer[] {
    if (!this.#ended) throw new BinaryCopyError('the stream ended before its trailer');
    return this.#blocks(true);
  }

  #take(tuples: Buffer) {
    if (tuples.length === 0) return;
    this.#ready.push(tuples);
    this.#readyBytes += tuples.length;
  }

  #blocks(last: boolean): Buffer[] {
    if (this.#readyBytes === 0 || (!last && this.#readyBytes < BLOCK_BYTES)) return [];
    const block = this.#ready.length === 1 ? (this.#ready[0] as Buffer) : Buffer.concat(this.#ready);
    this.#ready = [];
    this.#readyBytes = 0;
    return [block];
  }
}
