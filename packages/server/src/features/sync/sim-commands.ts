import fc from 'fast-check';
import type { Field, Owner } from './sim-checks.js';

// What can happen in the fault test, as plain data that fast-check makes,
// shrinks and prints: offline work on four phones, a bad network, restarts,
// and people handed from one caseload to another.

/** Whose each phone is: two of Rosa's (a phone and a tablet), her supervisor Daniel's, and Luis's, on no team. */
export const owners: readonly Owner[] = ['chw', 'chw', 'supervisor', 'chw2'];

/** Few values per field, so two phones often type the same thing and often not. */
export const values: Record<Field, readonly unknown[]> = {
  phone: ['+15552220001', '+15552220002', null],
  neighborhood: ['Norte', 'Sur', null],
  notes: ['vive con su hija', 'prefiere llamadas', 'trabaja de noche'],
  household: [[], [{ name: 'Ana' }], [{ name: 'Ana', relationship: 'hija', age: 7 }]],
};

const phone = fc.nat({ max: owners.length - 1 });
const pick = fc.nat({ max: 999 });
export const command = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('edit' as const),
      d: phone,
      c: pick,
      field: fc.constantFrom<Field>('phone', 'phone', 'notes', 'neighborhood', 'household'),
      v: fc.nat({ max: 2 }),
      form: fc.boolean(),
    }),
  },
  {
    // Two phones change the same detail of the same person while apart.
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('cross' as const),
      d: phone,
      other: phone,
      c: pick,
      field: fc.constantFrom<Field>('phone', 'notes', 'household'),
      v: fc.nat({ max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('visit' as const), d: phone, c: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('register' as const), d: phone, v: fc.nat({ max: 2 }) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('push' as const),
      d: phone,
      n: pick,
      fate: fc.constantFrom('ok', 'lost-request', 'lost-response', 'twice', 'late'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('pull' as const),
      d: phone,
      limit: fc.constantFrom(2, 5000),
      fate: fc.constantFrom('ok', 'lost', 'twice', 'late'),
      heard: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('arrive' as const), k: pick }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('together' as const), d: phone, other: phone }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('resolve' as const),
      d: phone,
      c: pick,
      choose: fc.constantFrom('kept' as const, 'lost' as const),
    }),
  },
  {
    // An admin hands a person to another caseload: phones that held them must let them go.
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('transfer' as const),
      c: pick,
      to: fc.constantFrom<Owner>('chw', 'chw2', 'supervisor'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('restart' as const),
      crash: fc.option(fc.record({ d: phone, n: pick, k: pick }), { nil: undefined }),
    }),
  },
);
export type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;
