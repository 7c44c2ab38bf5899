import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publicApiPaths } from './http/security.js';
import { useApp } from './test/app.js';

// The README is what an operator reads first; these parts of it are read back
// from the code here, so a command or a public route added to the code and not
// to the README (or the other way round) fails a test instead of drifting.

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** Each command with the options it names (`--demo`), sorted, from any `name <arg> [--opt]` signatures. */
function commandsOf(signatures: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const signature of signatures) {
    const [name = ''] = signature.split(/\s+/);
    out[name] = [...new Set(signature.match(/--[a-z][a-z-]*/g) ?? [])].sort();
  }
  return out;
}

/** The commands of cli.ts's usage text: lines of its Commands block indented two spaces. */
function cliCommands(source: string): Record<string, string[]> {
  const usage = source.match(/const usage = `([\s\S]*?)`;/)?.[1] ?? '';
  const block = usage.split('Commands:\n')[1]?.split('\n\n')[0] ?? '';
  const signatures = block
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => (line.trim().split(/\s{2,}/)[0] ?? '').trim());
  return commandsOf(signatures);
}

/** A README section's text, from its heading to the next heading of the same level or above. */
function section(readme: string, heading: string): string {
  const level = heading.match(/^#+/)?.[0].length ?? 2;
  const rest = readme.split(`\n${heading}\n`)[1] ?? '';
  return rest.split(new RegExp(`\\n#{1,${level}} `))[0] ?? '';
}

/** The first cell of each row of a Markdown table, as the text between its backticks. */
function firstCells(table: string): string[] {
  return table
    .split('\n')
    .map((line) => line.match(/^\|\s*`([^`]+)`/)?.[1])
    .filter((cell): cell is string => cell !== undefined);
}

describe('the README’s command-line table', () => {
  const cli = cliCommands(read('packages/server/src/cli.ts'));

  it('reads the commands cli.ts prints (the check reads what it thinks it reads)', () => {
    expect(cli.start).toEqual(['--demo']);
    expect(Object.keys(cli).length).toBeGreaterThan(5);
  });

  it('lists exactly the commands of cli.ts’s usage text, with the same options', () => {
    const readme = commandsOf(firstCells(section(read('README.md'), '## Command line')));
    expect(readme).toEqual(cli);
  });
});

describe('the README’s list of routes open without a session', () => {
  const h = useApp();

  /**
   * What the server serves without a session: the /api and /hsds paths the
   * session check lets through, and every route mounted outside those two
   * (FHIR, metrics, the form sign-in, the web app), one entry per first segment.
   */
  function served(): string[] {
    const outside = h.app.routes
      .map((r) => r.path)
      .filter((path) => !path.startsWith('/api/') && !path.startsWith('/hsds/'))
      .map((path) => (/^\/[^/]+\/./.test(path) ? `/${path.split('/')[1]}/*` : path));
    return [...new Set([...publicApiPaths, ...outside])].sort();
  }

  it('finds the routes outside the session check (the check reads what it thinks it reads)', () => {
    expect(served()).toEqual(expect.arrayContaining(['/api/public/*', '/hsds/o/*', '/fhir/*', '/metrics']));
  });

  it('is exactly the routes the server serves without a session', () => {
    const block = read('README.md')
      .split('<!-- public-routes:start -->')[1]
      ?.split('<!-- public-routes:end -->')[0];
    expect(block, 'README.md lacks <!-- public-routes:start --> … <!-- public-routes:end -->').toBeDefined();
    expect([...new Set(firstCells(block ?? ''))].sort()).toEqual(served());
  });
});
