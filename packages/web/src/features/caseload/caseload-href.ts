// The caseload as it was last shown (search, sort and filters), so "back to
// people" from a person's page returns to the same list and not a fresh one.
// Kept for the tab (sessionStorage) so a reload on a person's page keeps it too.
// Only the list's parameters: codes, a neighbourhood and the search typed.

const KEY = 'puente.caseload';

/** Remembers the caseload's address, e.g. `/people?risk=1&quiet=30`. */
export function rememberCaseload(href: string): void {
  try {
    sessionStorage.setItem(KEY, href);
  } catch {
    // No sessionStorage: "back to people" opens the whole list.
  }
}

/** Where "back to people" goes: the caseload as last shown in this tab, else the whole list. */
export function caseloadHref(): string {
  try {
    const href = sessionStorage.getItem(KEY);
    if (href?.startsWith('/people')) return href;
  } catch {
    // As above.
  }
  return '/people';
}
