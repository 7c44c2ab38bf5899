/** A field both sides changed differently: which value stays and which one lost. */
export interface FieldConflict {
  field: string;
  kept: unknown;
  lost: unknown;
  /** Whose value lost: the phone's edit (`incoming`) or what the server held (`server`). */
  loser: 'incoming' | 'server';
}

export interface MergeInput {
  /** The fields the phone changed, with their new values. */
  change: Readonly<Record<string, unknown>>;
  /** What the phone showed before its edit, for each changed field. */
  base: Readonly<Record<string, unknown>>;
  /** What the server holds now. */
  server: Readonly<Record<string, unknown>>;
  /** When the phone made the edit (ms), from the mutation's UUIDv7. */
  editedAt: number;
  /** When the server's record last changed (ms). */
  serverChangedAt: number;
}

export interface MergeOutcome {
  /** The fields to write on the server. */
  apply: Record<string, unknown>;
  conflicts: FieldConflict[];
}

/** Deep equality for JSON values, so `[]` and `[]`, or equal household lists, count as the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => sameValue(ra[k], rb[k]));
}

/**
 * Merges an offline edit of an editable record field by field (a three-way
 * merge against what the phone saw). A field the phone sent as it was is not
 * an edit and leaves the server's value alone; a field only the phone changed takes the
 * phone's value; a field only the server changed keeps the server's; a field
 * both changed the same way is no conflict; a field both changed differently
 * goes to the later edit, and the other value is reported so nobody's typing
 * is silently lost.
 * @example mergeFields({ change: { phone: '555' }, base: { phone: null }, server: { phone: null }, editedAt: 2, serverChangedAt: 1 })
 * // { apply: { phone: '555' }, conflicts: [] }
 */
export function mergeFields(input: MergeInput): MergeOutcome {
  const apply: Record<string, unknown> = {};
  const conflicts: FieldConflict[] = [];
  for (const [field, mine] of Object.entries(input.change)) {
    if (mine === undefined) continue;
    // Sent along unchanged (a form sends every field it shows): the phone did not edit it.
    if (field in input.base && sameValue(input.base[field] ?? null, mine)) continue;
    const theirs = input.server[field] ?? null;
    if (sameValue(theirs, mine)) continue;
    const serverUnchanged = field in input.base && sameValue(input.base[field] ?? null, theirs);
    if (serverUnchanged) {
      apply[field] = mine;
      continue;
    }
    // Ties go to the phone: its edit is the one arriving now, made by someone at the person's side.
    if (input.editedAt >= input.serverChangedAt) {
      apply[field] = mine;
      conflicts.push({ field, kept: mine, lost: theirs, loser: 'server' });
    } else {
      conflicts.push({ field, kept: theirs, lost: mine, loser: 'incoming' });
    }
  }
  return { apply, conflicts };
}
