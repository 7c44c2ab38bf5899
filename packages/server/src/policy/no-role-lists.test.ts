import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { roles } from '@puente/core';
import { describe, expect, it } from 'vitest';

// Who may open a screen or call a route is the permissions table in core
// (`roleCan`, `allow('…')`); a role list written beside it drifts from it,
// which is how a rule ends up held in two places with two answers. This reads
// the web app's sources and the server's route files and refuses the forms a
// role list takes there. Another user's role as data (`u.role === 'chw'` to
// fill a picker) is not a decision about the caller and is left alone.

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

const name = `['"\`](?:${roles.join('|')})['"\`]`;
/** The caller's role: `role`, `me.role`, `actor.role`, `scopeOf(c).actor.role`; not `u.role` or `user.role`. */
const callerRole = String.raw`(?<![\w.$])(?:(?:me|actor|caller|session|(?:scope|scopeOf\(c\))\.actor)\??\.)?role\b`;

const forms: { what: string; pattern: RegExp }[] = [
  {
    what: 'compares the caller’s role with a role',
    pattern: new RegExp(`${callerRole}\\s*[!=]==?\\s*${name}`),
  },
  {
    what: 'compares a role with the caller’s role',
    pattern: new RegExp(`${name}\\s*[!=]==?\\s*${callerRole}`),
  },
  {
    what: 'looks the caller’s role up in a list',
    pattern: new RegExp(`\\.(?:includes|indexOf|has)\\(\\s*${callerRole}\\s*\\)`),
  },
  {
    what: 'lists roles',
    pattern: new RegExp(
      `\\[\\s*${name}(?:\\s*,\\s*${name})*\\s*,?\\s*\\]\\s*\\.(?:includes|indexOf|some)\\(`,
    ),
  },
  { what: 'declares roles', pattern: /\broles\s*:\s*\[/ },
  { what: 'switches on the caller’s role', pattern: new RegExp(`switch\\s*\\(\\s*${callerRole}\\s*\\)`) },
];

/** The ways a line names a role instead of a permission (empty when it does not). */
function namesARole(line: string): string[] {
  return forms.filter((f) => f.pattern.test(line)).map((f) => f.what);
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every web source, and every server file that declares a route. */
function filesToRead(): string[] {
  const web = sources(join(repo, 'packages/web/src'));
  const server = sources(join(repo, 'packages/server/src')).filter(
    (file) =>
      !file.includes(`${join('src', 'test')}`) &&
      (/routes\.ts$/.test(file) || /\bcreateRoute\(/.test(readFileSync(file, 'utf8'))),
  );
  return [...web, ...server];
}

describe('screens and routes name permissions, not roles', () => {
  it('catches each form of a role list, and leaves permissions and other users’ roles alone', () => {
    const bad = [
      "if (me.role === 'admin') return;",
      "const canReport = me.role !== 'manager';",
      "if ('partner' === role) return false;",
      "if (actor.role == 'supervisor') {",
      "if (scopeOf(c).actor.role === 'chw') throw forbidden;",
      "if (scope.actor.role !== 'admin') return;",
      "['supervisor', 'manager'].includes(role)",
      'allowed.includes(me.role)',
      "{ path: '/team', roles: ['supervisor'], Component: TeamScreen }",
      'switch (me.role) {',
    ];
    const fine = [
      "roleCan(me.role, 'team.overview')",
      "users.filter((u) => u.role === 'supervisor' && !u.disabled)",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of source, read as text
      '{t(`roles.${me.role}`)}',
      "const [role, setRole] = useState<Role>('chw');",
      "{ path: '/team', label: 'nav.team', permission: 'team.overview', Component: TeamScreen }",
      '<p role="status">',
    ];
    for (const line of bad) expect(namesARole(line), line).not.toEqual([]);
    for (const line of fine) expect(namesARole(line), line).toEqual([]);
  });

  it('holds for every web source and every server route file', () => {
    const files = filesToRead();
    expect(files.some((f) => f.endsWith(join('app', 'screens.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('users', 'routes.ts')))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const what of namesARole(line))
            found.push(`${relative(repo, file)}:${i + 1} ${what} — ask roleCan/allow for a permission`);
        });
    }
    expect(found).toEqual([]);
  });
});
