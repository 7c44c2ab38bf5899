import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A route reads its input, calls a service inside `transactional(c, …)` and
// answers: the SQL lives in the feature's queries and services, and so do the
// audit events, written in the same transaction as the change they record.
// A route file that opens a transaction, writes an audit event or holds SQL
// is where a change and its audit come apart, so this reads every server file
// that declares a route and refuses those forms.

const src = fileURLToPath(new URL('../', import.meta.url));

/** String literals of a source: quoted and template (whole, `${…}` included). */
const literals = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;

const sqlForms: { what: string; pattern: RegExp }[] = [
  { what: 'select … from', pattern: /\bselect\b[\s\S]*?\bfrom\b/i },
  { what: 'insert into', pattern: /\binsert\s+into\b/i },
  { what: 'update … set', pattern: /\bupdate\s+\w+(?:\s+\w+)?\s+set\b/i },
  { what: 'delete from', pattern: /\bdelete\s+from\b/i },
];

const callForms: { what: string; pattern: RegExp }[] = [
  { what: 'writes an audit event (recordAudit)', pattern: /\brecordAudit\s*\(/ },
  { what: 'opens a transaction (.transaction()', pattern: /\.transaction\s*\(/ },
];

/** What a piece of route source does that belongs in a service (empty when nothing). */
function misplaced(source: string): string[] {
  const found = callForms.filter((f) => f.pattern.test(source)).map((f) => f.what);
  for (const literal of source.match(literals) ?? []) {
    for (const form of sqlForms) if (form.pattern.test(literal)) found.push(`SQL in a string (${form.what})`);
  }
  return found;
}

/** Every server source that declares a route: `routes.ts`, `*-routes.ts`, or a file calling createRoute. */
function routeFiles(): string[] {
  return readdirSync(src, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !file.includes(join('src', 'test')))
    .filter(
      (file) => /(^|[/\\-])routes\.ts$/.test(file) || /\bcreateRoute\(/.test(readFileSync(file, 'utf8')),
    );
}

describe('route files hold no SQL, audit writes or transactions', () => {
  it('catches SQL in strings, audit writes and transactions, and leaves words and services alone', () => {
    const bad = [
      "const [row] = await db.query('select two_factor from organization where id = $1', [id]);",
      'await tx.query(`insert into audit_event (org_id) values ($1)`, [orgId]);',
      'await db.query("update organization set two_factor = $2 where id = $1", [id, p]);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of source, read as text
      'await tx.query(sql`delete from session where id = ${id}`);',
      "await recordAudit(tx, who(actor, ip), { action: 'x.changed' });",
      "const saved = await c.get('db').transaction(async (tx) => save(tx));",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of source, read as text
      'const rows = await db.query(`select ${columns}\n  from referral r where r.id = $1`, [id]);',
    ];
    const fine = [
      "summary: 'Record a visit, call, text or meeting; the same id sent again is not recorded twice',",
      "summary: 'Change a person’s details; null clears a field',",
      'return c.json(await transactional(c, (tx, scope) => recordEncounter(tx, scope, id, body)), 201);',
      'const { db, actor } = scopeOf(c);',
      "summary: 'Update the program settings',",
    ];
    for (const line of bad) expect(misplaced(line), line).not.toEqual([]);
    for (const line of fine) expect(misplaced(line), line).toEqual([]);
  });

  it('holds for every server file that declares a route', () => {
    const files = routeFiles();
    expect(files.some((f) => f.endsWith(join('clients', 'routes.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('alerts', 'crisis-routes.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('fhir', 'routes.ts')))).toBe(true);
    const found = files.flatMap((file) =>
      misplaced(readFileSync(file, 'utf8')).map(
        (what) => `${relative(src, file)}: ${what} — move it into the feature's service or queries`,
      ),
    );
    expect(found).toEqual([]);
  });
});
