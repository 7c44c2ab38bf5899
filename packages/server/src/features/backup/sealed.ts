import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { deflateRaw as deflateRawCallback, inflateRaw as inflateRawCallback } from 'node:zlib';

// In the thread pool, so a backup made by the server never holds its event loop.
const deflateRaw = promisify(deflateRawCallback);
const inflateRaw = promisify(inflateRawCallback);

/**
 * The backup file: a short header in clear, then the payload in sealed parts.
 *
 *   "PUENTE BACKUP\n" {"format":1,"cipher":"aes-256-gcm",...}\n
 *   [length u32][ciphertext][tag 16] … the last part flagged as last
 *
 * Each part is compressed (raw deflate, fast level: JSON shrinks five to ten
 * times, so a folder keeps more backups and ships faster), then sealed on its own with AES-256-GCM (the STREAM construction age
 * uses): a key for this file only (HKDF of the backup key and a random salt),
 * a nonce of the part's number and a "last" flag, and the header as associated
 * data. So every part is checked before it is used, a changed header, a part
 * moved, dropped or cut short fails, and the file never has to fit in memory.
 */
const MAGIC = Buffer.from('PUENTE BACKUP\n');
const TAG_BYTES = 16;
/** Plaintext per part: large enough that the 20 bytes of framing do not count, small enough to hold twice. */
export const PART_BYTES = 1 << 20;
const MAX_HEADER = 4096;
/** Deflate never grows data by more than a few bytes per 16 KB block; anything longer is not Puente's. */
const maxSealed = (partBytes: number) => partBytes + (partBytes >> 6) + 1024;

interface Header {
  format: 1;
  cipher: 'aes-256-gcm';
  compression: 'deflate-raw';
  kdf: 'hkdf-sha256';
  salt: string;
  keyId: string;
  partBytes: number;
}

/** A refused file: not a backup, sealed with another key, changed or cut short. Nothing was restored. */
export class BackupFileError extends Error {}

/** Names a key without revealing it, so a restore can say "another key" rather than "damaged". */
export function backupKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('puente backup key id').digest('hex').slice(0, 16);
}

const fileKey = (key: Buffer, salt: Buffer) =>
  Buffer.from(hkdfSync('sha256', key, salt, 'puente backup file key', 32));

function nonce(part: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(part, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Writes the sealed payload to an open file, part by part. */
export class SealedWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private part = 0;
  private written = 0;

  private constructor(
    private readonly out: FileHandle,
    private readonly key: Buffer,
    private readonly header: Buffer,
    private readonly partBytes: number,
  ) {}

  static async start(out: FileHandle, backupKey: Buffer, partBytes = PART_BYTES): Promise<SealedWriter> {
    const salt = randomBytes(32);
    const header: Header = {
      format: 1,
      cipher: 'aes-256-gcm',
      compression: 'deflate-raw',
      kdf: 'hkdf-sha256',
      salt: salt.toString('base64'),
      keyId: backupKeyId(backupKey),
      partBytes,
    };
    const head = Buffer.concat([MAGIC, Buffer.from(`${JSON.stringify(header)}\n`)]);
    const writer = new SealedWriter(out, fileKey(backupKey, salt), head, partBytes);
    await writer.put(head);
    return writer;
  }

  /** Adds plaintext; full parts are sealed and written as they fill. */
  async write(data: string | Buffer): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    // Strictly more than a part: what is left always makes the last part, even if empty.
    while (this.pendingBytes > this.partBytes) {
      const all = Buffer.concat(this.pending);
      await this.seal(all.subarray(0, this.partBytes), false);
      const rest = all.subarray(this.partBytes);
      this.pending = [rest];
      this.pendingBytes = rest.length;
    }
  }

  /** Seals the last part; returns the file's length in bytes. */
  async finish(): Promise<number> {
    await this.seal(Buffer.concat(this.pending), true);
    this.pending = [];
    this.pendingBytes = 0;
    return this.written;
  }

  private async seal(plain: Buffer, last: boolean): Promise<void> {
    const packed = await deflateRaw(plain, { level: 1, chunkSize: this.partBytes });
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.part, last));
    cipher.setAAD(this.header);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(packed.length);
    const sealed = Buffer.concat([length, cipher.update(packed), cipher.final(), cipher.getAuthTag()]);
    this.part += 1;
    await this.put(sealed);
  }

  private async put(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.out.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    this.written += bytes.length;
  }
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buffer.subarray(0, got);
}

/**
 * Opens a sealed file: checks the header and the key at once (before anything
 * is touched), then yields the payload part by part, each checked before it is
 * given out. `name` is how messages call the file.
 */
export async function openSealed(
  handle: FileHandle,
  backupKey: Buffer,
  name: string,
): Promise<{ parts: AsyncGenerator<Buffer> }> {
  const size = (await handle.stat()).size;
  const start = await readExactly(handle, 0, Math.min(size, MAGIC.length + MAX_HEADER));
  if (!start.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupFileError(`${name} is not a Puente backup.`);
  }
  const end = start.indexOf(0x0a, MAGIC.length);
  let header: Header;
  try {
    if (end < 0) throw new Error('no header');
    header = JSON.parse(start.subarray(MAGIC.length, end).toString('utf8')) as Header;
  } catch {
    throw new BackupFileError(`${name} is damaged: its header cannot be read. Nothing was restored.`);
  }
  if (
    header.format !== 1 ||
    header.cipher !== 'aes-256-gcm' ||
    header.compression !== 'deflate-raw' ||
    header.kdf !== 'hkdf-sha256'
  ) {
    throw new BackupFileError(`${name} was made by a newer Puente (format ${String(header.format)}).`);
  }
  const given = backupKeyId(backupKey);
  if (header.keyId !== given) {
    throw new BackupFileError(
      `${name} was sealed with another backup key (key id ${String(header.keyId)}; the key given has id ${given}). ` +
        'Use the key it was made with. Nothing was restored.',
    );
  }
  const head = start.subarray(0, end + 1);
  const key = fileKey(backupKey, Buffer.from(String(header.salt), 'base64'));
  const partBytes = Number(header.partBytes);
  const damaged = (part: number, why: string) =>
    new BackupFileError(`${name} is damaged: ${why} (part ${part + 1}). Nothing was restored.`);

  /** Reads, checks and unpacks the part at `position`. */
  async function unpack(
    part: number,
    position: number,
  ): Promise<{ data: Buffer; end: number; last: boolean }> {
    if (position >= size) throw damaged(part, 'it ends before its last part, so it was cut short');
    const length = (await readExactly(handle, position, 4)).readUInt32BE(0);
    if (!(length <= maxSealed(partBytes))) throw damaged(part, 'a part is longer than any Puente writes');
    const sealed = await readExactly(handle, position + 4, length + TAG_BYTES);
    if (sealed.length < length + TAG_BYTES) throw damaged(part, 'it was cut short');
    const end = position + 4 + length + TAG_BYTES;
    // The part that ends the file must be sealed as the last, or parts were dropped from the end.
    const last = end === size;
    const decipher = createDecipheriv('aes-256-gcm', key, nonce(part, last));
    decipher.setAAD(head);
    decipher.setAuthTag(sealed.subarray(length));
    let packed: Buffer;
    try {
      packed = Buffer.concat([decipher.update(sealed.subarray(0, length)), decipher.final()]);
    } catch {
      throw damaged(part, 'a part does not match its seal (a byte changed, or parts were moved or cut)');
    }
    // Authenticated, so only Puente's own deflate reaches here; the cap is a second guard.
    // One trip to the thread pool per part: zlib's default 16 KB chunks made 64, each called back,
    // allocated and joined on the main thread (a sixth of a restore's main-thread time at size L).
    const data = await inflateRaw(packed, { maxOutputLength: partBytes, chunkSize: partBytes }).catch(() => {
      throw damaged(part, 'a part does not unpack');
    });
    return { data, end, last };
  }

  /** Parts in order, the next one read and unpacked (off the main thread) while this one is used. */
  async function* parts(): AsyncGenerator<Buffer> {
    let ahead = unpack(0, head.length);
    for (let part = 0; ; part++) {
      const { data, end, last } = await ahead;
      if (last) {
        yield data;
        return;
      }
      ahead = unpack(part + 1, end);
      // Awaited at the next step; a reader that stops first must not leave it unhandled.
      ahead.catch(() => {});
      yield data;
    }
  }
  return { parts: parts() };
}

/**
 * Reads a stream of parts as lines, whole bytes, never split inside a
 * character: one line at a time (the manifest and control lines, JSON rows),
 * or many at once as slices of whole lines (a table's rows in COPY's format,
 * a million or more: one generator step per line cost most of a restore's time).
 */
export class LineReader {
  readonly #parts: AsyncIterator<Buffer>;
  #data: Buffer = Buffer.alloc(0);
  #at = 0;

  constructor(parts: AsyncIterable<Buffer>) {
    this.#parts = parts[Symbol.asyncIterator]();
  }

  /** Appends the next part to what is left; false at the end of the stream. */
  async #more(): Promise<boolean> {
    const next = await this.#parts.next();
    if (next.done) return false;
    const rest = this.#data.subarray(this.#at);
    this.#data = rest.length > 0 ? Buffer.concat([rest, next.value]) : next.value;
    this.#at = 0;
    return true;
  }

  /** The next line without its newline; undefined at the end. */
  async line(): Promise<Buffer | undefined> {
    for (;;) {
      const end = this.#data.indexOf(0x0a, this.#at);
      if (end >= 0) {
        const line = this.#data.subarray(this.#at, end);
        this.#at = end + 1;
        return line;
      }
      if (!(await this.#more())) {
        if (this.#at >= this.#data.length) return undefined;
        const last = this.#data.subarray(this.#at);
        this.#at = this.#data.length;
        return last;
      }
    }
  }

  /**
   * The next `count` bytes, as they lie (a slice per part, no copies). Returns
   * early when the stream ends first: the caller counts what it got.
   */
  async *bytes(count: number): AsyncGenerator<Buffer> {
    let left = count;
    while (left > 0) {
      if (this.#at >= this.#data.length && !(await this.#more())) return;
      const slice = this.#data.subarray(this.#at, this.#at + left);
      this.#at += slice.length;
      left -= slice.length;
      yield slice;
    }
  }

  /**
   * The next `count` lines with their newlines, as slices holding whole lines
   * (up to a part each). Returns early when the stream ends first: the caller
   * counts what it got.
   */
  async *lines(count: number): AsyncGenerator<{ bytes: Buffer; lines: number }> {
    let left = count;
    while (left > 0) {
      let end = this.#at;
      let lines = 0;
      for (let at = this.#data.indexOf(0x0a, end); at >= 0 && lines < left; ) {
        end = at + 1;
        lines++;
        if (lines < left) at = this.#data.indexOf(0x0a, end);
      }
      if (lines > 0) {
        const bytes = this.#data.subarray(this.#at, end);
        this.#at = end;
        left -= lines;
        yield { bytes, lines };
      } else if (!(await this.#more())) {
        return;
      }
    }
  }
}
