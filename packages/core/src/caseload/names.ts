import { editDistance, foldText } from '../text/fold.js';

/** A name folded for comparing: "José María" and "jose maria" compare equal (the one folding rule). */
export const foldName = foldText;
export { editDistance };

/**
 * Whether two names may be the same person spelled differently: "Jose
 * Hernandez" / "José Hernández" / "Jose Hernandes" / "Hernández, José".
 * Allows about one typo in five letters, in any word order.
 * @example similarNames('Guadalupe Ruiz', 'Guadalupe Ruíz') // true
 */
export function similarNames(a: string, b: string): boolean {
  const fa = foldName(a);
  const fb = foldName(b);
  if (!fa || !fb) return false;
  const sorted = (s: string) => s.split(' ').sort().join(' ');
  const [x, y] = [sorted(fa), sorted(fb)];
  const allowed = Math.max(1, Math.floor(Math.max(x.length, y.length) / 5));
  if (editDistance(x, y) <= allowed) return true;
  // A first name alone matches a full name that starts with it ("Ana" / "Ana Gómez").
  const [wa, wb] = [fa.split(' '), fb.split(' ')];
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.some((l) => editDistance(w, l) <= Math.floor(w.length / 5)));
}

/** How a person is called in lists: their preferred name, else given and family name. */
export function displayName(c: {
  givenName: string;
  familyName?: string | null;
  preferredName?: string | null;
}) {
  return c.preferredName || [c.givenName, c.familyName].filter(Boolean).join(' ');
}
