/** Lower case, accents and punctuation removed: "José María" and "jose maria" compare equal. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

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
