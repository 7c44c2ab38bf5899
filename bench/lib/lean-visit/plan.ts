// The lean baseline's plan: the statements Puente sent for one "add a visit" (captured by
// capture.ts), each value marked with where a new request's comes from, so that the lean
// handler sends the same texts with the values Puente would have sent for that request.

/** One statement as the driver was handed it, with what it answered. */
export interface SentStatement {
  text: string;
  values: unknown[];
  rows: Record<string, unknown>[];
}

/** What a request brings: its session token's hash, the person in its path and its JSON body. */
export interface VisitRequest {
  tokenHash: string;
  clientId: string;
  body: Record<string, unknown>;
}

/** Where one value of a new request comes from. */
export type Slot =
  | { from: 'constant'; value: unknown }
  | { from: 'request'; key: string }
  | { from: 'row'; step: number; column: string }
  /** A value the server made (an id, the time, a due day): made anew, the same wherever it recurs. */
  | { from: 'made'; index: number }
  /** A text with such values inside (the audit's detail JSON): filled in. */
  | { from: 'text'; parts: (string | Slot)[] };

/** A value the server makes for each visit; a day keeps its distance from the visit's day (a follow-up's due date). */
export type Made = { kind: 'uuid' } | { kind: 'time' } | { kind: 'day'; daysAfterVisit: number };

export interface PlannedStatement {
  text: string;
  slots: Slot[];
  /** Puente's answer had a row: none now means the request is refused (no session, not their person). */
  needsRow: boolean;
}

export interface VisitPlan {
  statements: PlannedStatement[];
  made: Made[];
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const timeShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const dayShape = /^\d{4}-\d{2}-\d{2}$/;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const dayMs = 86_400_000;
/** Whole days from the UTC day of `from` to `day`. */
const daysBetween = (from: string, day: string) =>
  Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / dayMs);

/**
 * Reads Puente's statements for one visit (`request` is the one it answered) into a plan.
 * A value equal to the request's (its token hash, person, a body field) or to a column an
 * earlier statement answered (the session's user and organization) comes from there; an
 * id, time or day that appeared from nowhere was made by the server and is made again;
 * a text containing such values is filled in; everything else stays as Puente sent it.
 */
export function planVisit(sent: SentStatement[], request: VisitRequest): VisitPlan {
  const known: [Slot, unknown][] = [
    [{ from: 'request', key: 'tokenHash' }, request.tokenHash],
    [{ from: 'request', key: 'clientId' }, request.clientId],
    ...Object.entries(request.body).map(([k, v]): [Slot, unknown] => [
      { from: 'request', key: `body.${k}` },
      v,
    ]),
  ];
  const visitDay = String(request.body.occurredAt ?? '');
  const made: Made[] = [];
  const madeOf = (value: string): Made | undefined => {
    if (uuidShape.test(value)) return { kind: 'uuid' };
    if (timeShape.test(value)) return { kind: 'time' };
    if (dayShape.test(value) && timeShape.test(visitDay))
      return { kind: 'day', daysAfterVisit: daysBetween(visitDay, value) };
    return undefined;
  };
  const slotOf = (value: unknown): Slot => {
    const found = known.find(([, v]) => same(v, value));
    if (found) return found[0];
    if (typeof value !== 'string') return { from: 'constant', value };
    const fresh = madeOf(value);
    if (fresh) {
      const slot: Slot = { from: 'made', index: made.length };
      made.push(fresh);
      known.push([slot, value]);
      return slot;
    }
    return textSlot(value);
  };
  // A text holding an id seen before (JSON naming the visit): those parts are filled in.
  const textSlot = (value: string): Slot => {
    const inside = known.filter(([, v]) => typeof v === 'string' && v.length >= 8 && value.includes(v));
    if (inside.length === 0) return { from: 'constant', value };
    let parts: (string | Slot)[] = [value];
    for (const [slot, v] of inside) {
      parts = parts.flatMap((p) =>
        typeof p === 'string' ? p.split(v as string).flatMap((s, i) => (i === 0 ? [s] : [slot, s])) : [p],
      );
    }
    return { from: 'text', parts: parts.filter((p) => p !== '') };
  };
  const statements = sent.map((s, step): PlannedStatement => {
    const planned = { text: s.text, slots: s.values.map(slotOf), needsRow: s.rows.length > 0 };
    // What this statement answered can be what a later one sends (the session's user and organization).
    for (const [column, value] of Object.entries(s.rows[0] ?? {}))
      if (value !== null && typeof value !== 'boolean') known.push([{ from: 'row', step, column }, value]);
    return planned;
  });
  return { statements, made };
}

/** One request's made values: new ids, the time now, days counted from its visit. */
export function madeFor(plan: VisitPlan, request: VisitRequest, newId: () => string, now = new Date()) {
  const visit = String(request.body.occurredAt ?? now.toISOString());
  return plan.made.map((m) =>
    m.kind === 'uuid'
      ? newId()
      : m.kind === 'time'
        ? now.toISOString()
        : new Date(Date.parse(`${visit.slice(0, 10)}T00:00:00Z`) + m.daysAfterVisit * dayMs)
            .toISOString()
            .slice(0, 10),
  );
}

/** The values of one statement for this request, given what the earlier ones answered. */
export function valuesFor(
  statement: PlannedStatement,
  request: VisitRequest,
  made: unknown[],
  answered: (Record<string, unknown> | undefined)[],
): unknown[] {
  const fill = (slot: Slot): unknown => {
    switch (slot.from) {
      case 'constant':
        return slot.value;
      case 'request':
        return slot.key.startsWith('body.')
          ? request.body[slot.key.slice(5)]
          : slot.key === 'tokenHash'
            ? request.tokenHash
            : request.clientId;
      case 'row':
        return answered[slot.step]?.[slot.column];
      case 'made':
        return made[slot.index];
      case 'text':
        return slot.parts.map((p) => (typeof p === 'string' ? p : String(fill(p)))).join('');
    }
  };
  return statement.slots.map(fill);
}
