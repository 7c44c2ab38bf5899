import { describe, expect, it } from 'vitest';
import { type MergeInput, mergeFields, sameValue } from './merge.js';

const at = { editedAt: 200, serverChangedAt: 100 };

describe('mergeFields: an offline edit of a client, field by field', () => {
  const cases: { name: string; input: MergeInput; apply: Record<string, unknown>; lost: unknown[] }[] = [
    {
      name: 'only the phone changed the field: the phone wins, no conflict',
      input: { change: { phone: '5551234' }, base: { phone: null }, server: { phone: null }, ...at },
      apply: { phone: '5551234' },
      lost: [],
    },
    {
      name: 'both changed different fields: both edits are kept',
      input: {
        change: { phone: '5551234' },
        base: { phone: null },
        server: { phone: null, neighborhood: 'Eastside' },
        ...at,
      },
      apply: { phone: '5551234' },
      lost: [],
    },
    {
      name: 'both made the same edit: nothing to write, no conflict',
      input: { change: { notes: 'same' }, base: { notes: 'old' }, server: { notes: 'same' }, ...at },
      apply: {},
      lost: [],
    },
    {
      name: 'both changed the same field, the phone later: the phone wins, the server value is logged',
      input: { change: { notes: 'phone' }, base: { notes: 'old' }, server: { notes: 'server' }, ...at },
      apply: { notes: 'phone' },
      lost: ['server'],
    },
    {
      name: 'both changed the same field, the server later: the server keeps its value, the phone value is logged',
      input: {
        change: { notes: 'phone' },
        base: { notes: 'old' },
        server: { notes: 'server' },
        editedAt: 100,
        serverChangedAt: 200,
      },
      apply: {},
      lost: ['phone'],
    },
    {
      name: 'no base for a field: treated as changed on both sides',
      input: { change: { gender: 'f' }, base: {}, server: { gender: 'm' }, ...at },
      apply: { gender: 'f' },
      lost: ['m'],
    },
    {
      name: 'clearing a field the server did not touch clears it',
      input: { change: { address: null }, base: { address: '1 Main' }, server: { address: '1 Main' }, ...at },
      apply: { address: null },
      lost: [],
    },
    {
      name: 'lists compare by value, not identity',
      input: {
        change: { household: [{ name: 'Ana' }] },
        base: { household: [] },
        server: { household: [] },
        ...at,
      },
      apply: { household: [{ name: 'Ana' }] },
      lost: [],
    },
    {
      name: 'a field sent along unchanged leaves the server’s newer value alone, no conflict',
      input: {
        change: { phone: '5551234', notes: 'old' },
        base: { phone: null, notes: 'old' },
        server: { phone: null, notes: 'server' },
        ...at,
      },
      apply: { phone: '5551234' },
      lost: [],
    },
    {
      name: 'undefined in the change means untouched',
      input: { change: { notes: undefined }, base: {}, server: { notes: 'x' }, ...at },
      apply: {},
      lost: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = mergeFields(c.input);
      expect(out.apply).toEqual(c.apply);
      expect(out.conflicts.map((x) => x.lost)).toEqual(c.lost);
    });
  }

  it('says whose value lost', () => {
    const out = mergeFields({
      change: { notes: 'a', phone: '1' },
      base: { notes: 'o', phone: 'o' },
      server: { notes: 'b', phone: '2' },
      editedAt: 1,
      serverChangedAt: 1,
    });
    expect(out.conflicts.map((c) => [c.field, c.loser, c.kept])).toEqual([
      ['notes', 'server', 'a'],
      ['phone', 'server', '1'],
    ]);
  });
});

describe('sameValue', () => {
  it.each([
    [null, undefined, true],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[], {}, false],
    ['1', 1, false],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
  });
});
