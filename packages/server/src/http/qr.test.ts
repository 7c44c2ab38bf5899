import jsqr from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrDataUri } from './qr.js';

// jsqr is CommonJS with ESM types: Node's default import is the module, its decoder also `default`.
const jsQR = jsqr.default;

/** The dark modules of the SVG, read back from its squares (one `M x,y h u v u h -u z` per module). */
function modules(uri: string): boolean[][] {
  const svg = Buffer.from(uri.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8');
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const squares = [...svg.matchAll(/M(\d+),(\d+)h(\d+)v\3h-\3z/g)];
  const unit = Number(squares[0]?.[3]);
  expect(size % unit).toBe(0);
  const n = size / unit;
  const dark = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [, x, y] of squares) {
    const row = dark[Number(y) / unit];
    if (row) row[Number(x) / unit] = true;
  }
  return dark;
}

/** Black on white at 4 pixels a module, as a camera would see a printed sheet. */
function scan(dark: boolean[][]) {
  const scale = 4;
  const width = dark.length * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      if (dark[Math.floor(y / scale)]?.[Math.floor(x / scale)])
        rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return jsQR(rgba, width, width);
}

const texts = [
  'https://puente.example.org/e/7KQ2M9XD',
  'otpauth://totp/Puente%20(Cl%C3%ADnica%20del%20Valle):rosa.diaz%40valle.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Puente%20(Cl%C3%ADnica%20del%20Valle)&algorithm=SHA1&digits=6&period=30',
];

describe('QR codes', () => {
  it.each(texts)('scans back to the text it was made from: %s', (text) => {
    expect(scan(modules(qrDataUri(text)))?.data).toBe(text);
  });

  it.each(texts)('keeps error correction M and a quiet zone of two modules: %s', (text) => {
    const dark = modules(qrDataUri(text));
    const quiet = [0, 1, dark.length - 2, dark.length - 1];
    expect(dark.some((row, y) => row.some((on, x) => on && (quiet.includes(x) || quiet.includes(y))))).toBe(
      false,
    );
    // The format bits beside the top-left finder: the first two, unmasked, name the level (M is 00).
    const at = (row: number, col: number) => (dark[row + 2]?.[col + 2] ? '1' : '0');
    const cells: [number, number][] = [
      [8, 0],
      [8, 1],
      [8, 2],
      [8, 3],
      [8, 4],
      [8, 5],
      [8, 7],
      [8, 8],
      [7, 8],
      [5, 8],
      [4, 8],
      [3, 8],
      [2, 8],
      [1, 8],
      [0, 8],
    ];
    const format = Number.parseInt(cells.map(([r, c]) => at(r, c)).join(''), 2) ^ 0b101010000010010;
    expect(format >> 13).toBe(0b00);
    expect(dark[2]?.slice(2, 9)).toEqual(Array(7).fill(true)); // the finder starts where the quiet zone ends
  });
});
