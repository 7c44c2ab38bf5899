// GSM 03.38: the default alphabet and its extension table (each extension character takes two septets).
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('\f^{}\\[~]|€');

/** How a text travels: 7-bit GSM when every character is in its alphabet, else UCS-2. */
export type TextEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: TextEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units one segment holds for a text this long (160/153 GSM-7, 70/67 UCS-2). */
  perSegment: number;
  /** Units left in the last segment before another is needed. */
  remaining: number;
  /** Characters that forced UCS-2 (each once, in order), so an editor can say which to change. */
  unicodeCharacters: string[];
}

/** A message longer than this many segments is refused: carriers drop or split long ones unpredictably. */
export const MAX_SEGMENTS = 10;

const single = { 'GSM-7': 160, 'UCS-2': 70 } as const;
const multi = { 'GSM-7': 153, 'UCS-2': 67 } as const;

/**
 * Counts the SMS segments a text takes, as carriers do: GSM-7 when every
 * character is in the GSM alphabet (extension characters count twice), else
 * UCS-2 (a character outside the Basic Multilingual Plane counts twice). A
 * multi-part message loses room to its header, and a character never spans
 * two segments. Shared by the server (which refuses over `MAX_SEGMENTS`) and
 * the template editor's counter.
 * @example segmentCount('Hola') // { encoding: 'GSM-7', units: 4, segments: 1, … }
 * @example segmentCount('¿Cómo está?').encoding // 'UCS-2' (ó and á are not GSM-7)
 */
export function segmentCount(text: string): SegmentCount {
  const chars = [...text];
  const unicodeCharacters = [...new Set(chars.filter((ch) => !gsmBasic.has(ch) && !gsmExtension.has(ch)))];
  const encoding: TextEncoding = unicodeCharacters.length === 0 ? 'GSM-7' : 'UCS-2';
  const weight = (ch: string) => (encoding === 'GSM-7' ? (gsmExtension.has(ch) ? 2 : 1) : ch.length);
  const units = chars.reduce((sum, ch) => sum + weight(ch), 0);
  if (units <= single[encoding]) {
    return {
      encoding,
      units,
      segments: units === 0 ? 0 : 1,
      perSegment: single[encoding],
      remaining: single[encoding] - units,
      unicodeCharacters,
    };
  }
  // Fill segments greedily without splitting a character (an escape pair or a surrogate pair).
  const room = multi[encoding];
  let segments = 1;
  let used = 0;
  for (const ch of chars) {
    const w = weight(ch);
    if (used + w > room) {
      segments++;
      used = 0;
    }
    used += w;
  }
  return { encoding, units, segments, perSegment: room, remaining: room - used, unicodeCharacters };
}
