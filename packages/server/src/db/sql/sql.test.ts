import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { clientScope, displayName, isoColumn } from './index.js';
import { bind, identifier, join, type Sql, sql } from './sql.js';

const organization = '00000000-0000-4000-8000-000000000001';
const actor = {
  orgId: organization,
  userId: '00000000-0000-4000-8000-000000000002',
  role: 'chw',
  locale: 'en',
  sessionHash: 'h',
} as const;

describe('the sql tag', () => {
  const flag = sql`c.safe_to_contact = ${true}`;
  const cases: [string, Sql, string, unknown[]][] = [
    ['no values', sql`select 1`, 'select 1', []],
    ['values numbered in order', sql`a = ${1} and b = ${'x'}`, 'a = $1 and b = $2', [1, 'x']],
    ['null is a value', sql`a is not distinct from ${null}`, 'a is not distinct from $1', [null]],
    [
      'a fragment takes the next numbers wherever it sits',
      sql`x = ${'first'} and ${sql`y = ${'second'} and z = ${'third'}`} and w = ${'fourth'}`,
      'x = $1 and y = $2 and z = $3 and w = $4',
      ['first', 'second', 'third', 'fourth'],
    ],
    [
      'fragments nest',
      sql`${sql`(${sql`a = ${1}`} or b = ${2})`} and c = ${3}`,
      '(a = $1 or b = $2) and c = $3',
      [1, 2, 3],
    ],
    [
      'the same fragment twice gets numbers each time',
      sql`${flag} or ${flag}`,
      'c.safe_to_contact = $1 or c.safe_to_contact = $2',
      [true, true],
    ],
    [
      'an array is one parameter',
      sql`id = any(${['a', 'b', 'c']}::uuid[]) and n = ${1}`,
      'id = any($1::uuid[]) and n = $2',
      [['a', 'b', 'c'], 1],
    ],
    ['an empty array is one parameter', sql`id = any(${[]}::uuid[])`, 'id = any($1::uuid[])', [[]]],
    [
      'a string is a value, never SQL',
      sql`name = ${"x'; drop table client; --"}`,
      'name = $1',
      ["x'; drop table client; --"],
    ],
    ['a bound value keeps its number', bound(), 'a = $1 and b = $2 and c = $1', ['org', 'other']],
    [
      'an identifier is written as it is',
      sql`select ${identifier('c.created_at')}`,
      'select c.created_at',
      [],
    ],
    [
      'join puts fragments together',
      join([sql`a = ${1}`, sql`b = ${2}`], sql` and `),
      'a = $1 and b = $2',
      [1, 2],
    ],
    ['join of nothing is nothing', sql`select 1${join([])}`, 'select 1', []],
  ];

  it.each(cases)('%s', (_name, query, text, values) => {
    expect(query.text).toBe(text);
    expect(query.values).toEqual(values);
  });

  function bound() {
    const org = bind('org');
    return sql`a = ${org} and b = ${'other'} and c = ${org}`;
  }

  const refusals: [string, () => unknown, RegExp][] = [
    ['a name with spaces', () => identifier('created_at; drop table client'), /not a plain column name/],
    ['a quoted name', () => identifier('"Client"'), /not a plain column name/],
    ['a name with a call', () => identifier('now()'), /not a plain column name/],
    ['an upper-case name', () => identifier('Client'), /not a plain column name/],
    ['three parts', () => identifier('a.b.c'), /not a plain column name/],
    ['an empty name', () => identifier(''), /not a plain column name/],
    ['the tag called with a string', () => sql(['select 1'] as unknown as TemplateStringsArray), /as a tag/],
    ['a hand-numbered parameter', () => sql`a = $1`, /instead of a numbered \$n/],
    ['undefined', () => sql`a = ${undefined}`.text, /undefined/],
    ['an array of fragments', () => sql`${[sql`a`, sql`b`]}`.text, /join/],
    ['a fragment in a plain string', () => `select ${sql`1`}`, /plain string/],
  ];

  it.each(refusals)('refuses %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  it('refuses a template each time it is called, and checks again an array that is not a frozen template', () => {
    const numbered = () => sql`a = $1`;
    expect(numbered).toThrow(/numbered/);
    expect(numbered).toThrow(/numbered/);
    // Passed once, then changed: only a template the code wrote is taken as checked for good.
    const handMade = Object.assign(['a = '], { raw: ['a = '] }) as unknown as TemplateStringsArray;
    expect(sql(handMade).text).toBe('a = ');
    (handMade as unknown as string[])[0] = 'a = $1';
    expect(() => sql(handMade)).toThrow(/numbered/);
  });

  it('writes the same text for the same shape, whatever the values (prepared statements are named by it)', () => {
    const one = sql`select ${isoColumn('c.created_at')} from client c where ${clientScope(actor)} and c.id = ${'a'}`;
    const two = sql`select ${isoColumn('c.created_at')} from client c where ${clientScope({ ...actor, orgId: 'other', role: 'supervisor' })} and c.id = ${'b'}`;
    expect(one.text).toBe(two.text);
    expect(one.values).not.toEqual(two.values);
  });
});

describe('the shared fragments', () => {
  it('gives the caller’s scope three numbers after whatever precedes it', () => {
    const query = sql`select 1 from client c where c.id = ${'id'} and ${clientScope(actor)}`;
    expect(query.values).toEqual(['id', actor.orgId, actor.userId, actor.role]);
    expect(query.text).toContain('c.org_id = $2 and c.merged_into is null');
    expect(query.text).toContain("($4 = 'supervisor'");
    expect(query.text).toContain('sb.user_id = $3');
    expect(query.text.match(/\$\d+/g)?.every((n) => ['$1', '$2', '$3', '$4'].includes(n))).toBe(true);
  });

  it('asks whom the caller holds without break-the-glass', () => {
    expect(clientScope(actor, { breakGlass: false }).text).not.toContain('break_glass');
    expect(clientScope(actor).text).toContain('break_glass');
  });

  it('asks a row’s own user when given columns', () => {
    const query = clientScope({ org: 'org', user: identifier('u.id'), role: identifier('u.role') });
    expect(query.values).toEqual(['org']);
    expect(query.text).toContain('c.assigned_chw_id = u.id');
    expect(query.text).toContain("(u.role = 'supervisor'");
  });

  it('refuses a column that is not a plain name', () => {
    expect(() => isoColumn('created_at) || (select password_hash from app_user')).toThrow(
      /plain column name/,
    );
  });
});

describe('composed statements on the database', () => {
  const h = useApp();

  it('runs with its parameters, arrays and nested fragments included', async () => {
    const rows = await h.db.query<{ n: number; hit: boolean; at: string; name: string }>(
      sql`select ${2}::int + ${3}::int as n, ${'b'} = any(${['a', 'b']}::text[]) as hit,
                 ${isoColumn('c.t')} as at, ${displayName} as name
            from (select timestamptz '2026-03-01 14:05:06.789+00' as t, ${''}::text as preferred_name,
                         ${'Ana'}::text as given_name, ${'Ruiz'}::text as family_name) c`,
    );
    expect(rows).toEqual([{ n: 5, hit: true, at: '2026-03-01T14:05:06Z', name: 'Ana Ruiz' }]);
  });

  it('writes milliseconds when asked', async () => {
    const [row] = await h.db.query<{ at: string }>(
      sql`select ${isoColumn('t', { milliseconds: true })} as at from (select timestamptz '2026-03-01 14:05:06.789+00' as t) x`,
    );
    expect(row?.at).toBe('2026-03-01T14:05:06.789Z');
  });

  it('runs one shape again and again with other values (on PostgreSQL, as one named prepared statement)', async () => {
    const asks = [1, 2, 3, 4, 5].map((n) =>
      h.db.query<{ n: number; scoped: number }>(
        sql`select ${n}::int as n, (select count(*)::int from client c where ${clientScope({ ...actor, userId: `00000000-0000-4000-8000-00000000000${n}` })}) as scoped`,
      ),
    );
    expect((await Promise.all(asks)).flat()).toEqual([1, 2, 3, 4, 5].map((n) => ({ n, scoped: 0 })));
  });

  it('refuses parameters beside a composed statement', async () => {
    await expect(h.db.query(sql`select 1`, [1])).rejects.toThrow(/carries its own values/);
  });
});
