import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, zipFiles } from './zip-files';

const text = (s: string) => new TextEncoder().encode(s);

describe('HSDS files put together as a .zip in the browser', () => {
  it.each([
    ['', 0x00000000],
    ['a', 0xe8b7be43],
    ['123456789', 0xcbf43926],
  ])('crc32(%j) is the standard value', (input, expected) => {
    expect(crc32(text(input))).toBe(expected);
  });

  it('is read back whole by a zip reader, names with accents and an empty file included', () => {
    const files = [
      { name: 'services.csv', bytes: text('id,name\r\n1,Despensa Comunitaria\r\n') },
      { name: 'locations.csv', bytes: text('id,name\r\n') },
      { name: 'organización.csv', bytes: new Uint8Array(0) },
    ];
    const read = unzipSync(zipFiles(files));
    expect(Object.keys(read)).toEqual(files.map((f) => f.name));
    for (const f of files) expect(read[f.name]).toEqual(f.bytes);
  });
});
