import { renderSVG } from 'uqr';

/**
 * A QR code of `text` as an SVG data URI for an <img>: the event's check-in
 * link, an authenticator app's setup address. Error correction M (15 % may be
 * lost: a printed sheet folded, a phone screen with glare) and a quiet zone
 * of two modules, as the scanners were first given.
 */
export function qrDataUri(text: string): string {
  const svg = renderSVG(text, { ecc: 'M', border: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
