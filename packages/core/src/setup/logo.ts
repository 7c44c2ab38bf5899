import { z } from 'zod';

/** Pictures a program's logo may be: no SVG, which can carry scripts, and nothing a browser must guess at. */
export const logoMediaTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoMediaType = (typeof logoMediaTypes)[number];

/** The largest logo kept: it travels to every phone at sign-in, often on prepaid data. */
export const logoMaxBytes = 200 * 1024;

/** An admin's new logo: the picture's bytes in base64, and what kind of picture it says it is. */
export const ProgramLogoRequest = z
  .strictObject({
    mediaType: z.enum(logoMediaTypes),
    // base64 of logoMaxBytes is 4/3 as long; the decoded size is checked again on the server.
    data: z.base64().max(Math.ceil(logoMaxBytes / 3) * 4),
  })
  .meta({ id: 'ProgramLogoRequest' });
export type ProgramLogoRequest = z.infer<typeof ProgramLogoRequest>;

/** The logo as stored: its kind and a version that changes with every new picture (for caches). */
export const ProgramLogo = z.object({ mediaType: z.enum(logoMediaTypes), version: z.string() }).meta({
  id: 'ProgramLogo',
});
export type ProgramLogo = z.infer<typeof ProgramLogo>;

const signatures: Record<LogoMediaType, (b: Uint8Array) => boolean> = {
  'image/png': (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
};

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/**
 * Whether the bytes start as the picture kind says: a logo is served with the
 * kind it was sent with, so a page or script dressed as a PNG is refused here.
 * @example isLogoOf('image/png', pngBytes) // true
 */
export function isLogoOf(mediaType: LogoMediaType, bytes: Uint8Array): boolean {
  return bytes.length >= 12 && signatures[mediaType](bytes);
}
