import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { BINARY_HEADER, BINARY_TRAILER } from './binary-rows.js';
import { ident, type TableInfo } from './catalog.js';
import type { Manifest, SequenceValue, TableLine } from './manifest.js';
import { BackupFileError, LineReader } from './sealed.js';

/** Rows per insert of JSON rows: a few MB, parsed by the database into rows of the table's own type. */
const BATCH_ROWS = 2000;
const BATCH_BYTES = 4 << 20;

/** What follows a table's rows: the next table, the sequences, or the end (checked). */
export type Control =
  | { table: TableLine & { rowsAs: 'json' | 'copy' | 'binary' } }
  | { sequences: SequenceValue[] }
  | { end: true };

/**
 * A backup's payload read in order (manifest.ts shows its lines): each line
 * counted into the digest its end line carries, so a restore that reached
 * the end has read exactly what the backup wrote.
 */
export class BackupReader {
  readonly #lines: LineReader;
  readonly #digest = createHash('sha256');
  readonly #file: string;

  constructor(parts: AsyncIterable<Buffer>, file: string) {
    this.#lines = new LineReader(parts);
    this.#file = file;
  }

  #damaged(why: string): BackupFileError {
    return new BackupFileError(`${this.#file} is damaged: ${why}. Nothing was restored.`);
  }

  async #json<T>(): Promise<{ line: Buffer; value: T }> {
    const line = await this.#lines.line();
    try {
      if (!line) throw new Error('end');
      return { line, value: JSON.parse(line.toString('utf8')) as T };
    } catch {
      throw this.#damaged('its contents end or break off unexpectedly');
    }
  }

  #hash(line: Buffer): void {
    this.#digest.update(line);
    this.#digest.update('\n');
  }

  /** The first line. */
  async manifest(): Promise<Manifest> {
    const { line, value } = await this.#json<{ manifest?: Manifest }>().catch(() => {
      throw new BackupFileError(`${this.#file} does not begin with a Puente manifest.`);
    });
    const { manifest } = value;
    if (manifest?.format !== 1 || !Array.isArray(manifest.tables)) {
      throw new BackupFileError(`${this.#file} does not begin with a Puente manifest.`);
    }
    this.#hash(line);
    return manifest;
  }

  /** The next control line; at the end, the digest and that nothing follows are checked. */
  async control(): Promise<Control> {
    const { line, value } = await this.#json<
      Partial<TableLine> & { sequences?: SequenceValue[]; end?: { sha256: string } }
    >();
    if (value.end) {
      if (value.end.sha256 !== this.#digest.digest('hex')) throw this.#damaged('its checksum does not match');
      if ((await this.#lines.line()) !== undefined) throw this.#damaged('something follows its end');
      return { end: true };
    }
    this.#hash(line);
    if (value.sequences) return { sequences: value.sequences };
    const { table, columns, rows, rowsAs = 'json' } = value;
    if (!table || !Array.isArray(columns) || typeof rows !== 'number') {
      throw this.#damaged('a table is described in a way this version cannot read');
    }
    if (rowsAs !== 'json' && rowsAs !== 'copy' && rowsAs !== 'binary') {
      throw new BackupFileError(
        `${this.#file} holds rows written in a way this version cannot read (${String(rowsAs)}).`,
      );
    }
    return { table: { table, columns, rows, rowsAs } };
  }

  /**
   * Loads the rows that follow a table line into `here`, in `q` (one
   * transaction of the restore's). Every column must be one this version has.
   * Resolves with how many rows the database took where it says (COPY), so
   * they need not be counted again; otherwise undefined.
   *
   * `fresh`: the table is empty and nothing else reads it until this
   * transaction commits, so it is emptied anew here and the rows are written
   * frozen: every later scan (the index builds, the first queries, autovacuum)
   * finds them visible to all instead of setting each row's hint bits and
   * writing every page a second time.
   */
  async load(
    q: Queryable,
    here: TableInfo | undefined,
    line: Extract<Control, { table: unknown }>,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<number | undefined> {
    const { table, columns, rows, rowsAs } = line.table;
    if (!here) {
      throw new BackupFileError(`${this.#file} names a table this version does not have (${table}).`);
    }
    const missing = columns.find((c) => !here.columns.includes(c));
    if (missing)
      throw new BackupFileError(`${this.#file} has a column ${table}.${missing} this version does not.`);
    const cols = columns.map(ident).join(', ');
    if (rowsAs !== 'json' && q.copyIn) {
      // Rows in COPY's formats (a PostgreSQL backup): the database reads them as they are.
      if (fresh) await q.exec(`truncate ${ident(table)}`);
      const target = `${ident(table)} (${cols})`;
      if (rowsAs === 'copy') return q.copyIn(target, this.#batches(table, rows), { freeze: fresh });
      return q.copyIn(target, this.#blocks(table), { freeze: fresh, binary: true });
    }
    if (rowsAs !== 'json') {
      throw new BackupFileError(
        `${this.#file} holds rows in COPY's format, which this database cannot read.`,
      );
    }
    // One text of lines, split by the database and read a row at a time: no escaping on the way
    // in, and four times faster than json_populate_recordset over one big array.
    const picked = columns.map((c) => `r.${ident(c)}`).join(', ');
    const insert = `insert into ${ident(table)} (${cols}) overriding system value
                    select ${picked} from unnest(string_to_array($1::text, E'\\n')) as l(line),
                         lateral json_populate_record(null::${ident(table)}, l.line::json) as r`;
    let batch: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await q.query(insert, [batch.join('\n')]);
      batch = [];
      bytes = 0;
    };
    for (let i = 0; i < rows; i++) {
      const row = await this.#lines.line();
      if (!row) throw this.#damaged(`${table} ends early`);
      this.#hash(row);
      batch.push(row.toString('utf8'));
      bytes += row.length;
      if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
    }
    await flush();
    return undefined;
  }

  /**
   * A table's blocks of binary tuples, hashed with their length lines, as
   * one binary COPY stream: the header, the tuples as read, the trailer.
   */
  async *#blocks(table: string): AsyncGenerator<Buffer> {
    yield BINARY_HEADER;
    for (;;) {
      const line = await this.#lines.line();
      const length =
        line && /^\d{1,10}$/.test(line.toString('latin1')) ? Number(line.toString('latin1')) : -1;
      if (!line || length < 0) throw this.#damaged(`${table} ends early or breaks off`);
      this.#hash(line);
      if (length === 0) break;
      let got = 0;
      for await (const slice of this.#lines.bytes(length)) {
        this.#digest.update(slice);
        got += slice.length;
        yield slice;
      }
      if (got < length) throw this.#damaged(`${table} ends early`);
    }
    yield BINARY_TRAILER;
  }

  /**
   * A table's `rows` lines with their newlines, hashed, as the slices of whole
   * lines the reader gives (up to a part each): handed to the connection as
   * they are, never joined into bigger batches (copying them cost more than
   * the writes it saved).
   */
  async *#batches(table: string, rows: number): AsyncGenerator<Buffer> {
    let got = 0;
    for await (const slice of this.#lines.lines(rows)) {
      this.#digest.update(slice.bytes);
      got += slice.lines;
      yield slice.bytes;
    }
    if (got < rows) throw this.#damaged(`${table} ends early`);
  }
}
