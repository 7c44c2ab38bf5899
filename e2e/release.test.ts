import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.js';

// What an operator does with a release: unpack it into an empty folder on a machine
// with Node and nothing else (no repository, no npm, no build), start it, sign in, stop it.
let folder: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  const made = execFileSync(process.execPath, ['scripts/release.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  folder = await mkdtemp(join(tmpdir(), 'puente-release-'));
  execFileSync('tar', ['-xzf', join(repoRoot, made.trim()), '-C', folder]);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(folder, { recursive: true, force: true });
});

/** Reads the process's output until `pattern` matches, or fails with what was said. */
function waitFor(
  process: ChildProcess,
  pattern: RegExp,
  output: { text: string },
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Not seen within 60 s: ${pattern}\n${output.text}`)),
      60_000,
    );
    const look = () => {
      const match = output.text.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    process.stdout?.on('data', look);
    process.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The release exited with ${code} before ${pattern}:\n${output.text}`));
    });
  });
}

describe('the release tarball', () => {
  it('unpacks into an empty folder, starts with only node, lets the first admin sign in and stops cleanly', async () => {
    const [top] = await readdir(folder);
    expect(top).toMatch(/^puente-\d+\.\d+\.\d+/);
    const home = join(folder, top ?? '');
    const entries = await readdir(home);
    expect(entries).toEqual(expect.arrayContaining(['puente', 'packages', 'node_modules', 'LICENSE']));
    // No sources, tests or build tools travel with it.
    expect(entries).not.toContain('e2e');
    expect(await readdir(join(home, 'node_modules'))).not.toEqual(
      expect.arrayContaining(['typescript', 'vitest', 'vite', 'playwright-core']),
    );

    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const output = { text: '' };
    // Only Node's own folder and the shell's: nothing else from this machine is on the path.
    child = spawn(join(home, 'puente'), ['start'], {
      cwd: home,
      env: {
        PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(folder, 'data'),
        LOG_LEVEL: 'warn',
      },
      stdio: 'pipe',
    });
    const keep = (chunk: Buffer) => {
      output.text += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const [, email, password] = await waitFor(child, /email: +(\S+)\n\s+password: +(\S+)/, output);

    const base = `http://127.0.0.1:${port}`;
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html lang=/);
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ email, role: 'admin', mustChangePassword: true });

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
