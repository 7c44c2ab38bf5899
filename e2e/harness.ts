import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumPath, launchChromium } from '../bench/lib/chromium.js';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repoRoot, 'packages/server/dist/cli.js');
const webIndex = join(repoRoot, 'packages/web/dist/index.html');

/** Password of every demo account (`start --demo`). */
export const demoPassword = 'demo-puente-2026';
export const demo = {
  admin: 'admin@demo.puente.test',
  supervisor: 'daniel@demo.puente.test',
  rosa: 'rosa@demo.puente.test',
  marcus: 'marcus@demo.puente.test',
  manager: 'lucia@demo.puente.test',
  partner: 'carmen@demo.puente.test',
} as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  /** Sends SIGTERM and waits for the process to end (SIGKILL after 10 s). */
  stop: () => Promise<void>;
  /** How the process ended: its exit code, or null while it runs. */
  exitCode: () => number | null;
  /** Kills the process with SIGKILL, leaving its data folder as the crash left it. */
  crash: () => Promise<void>;
  /** The first admin a start without the demo made, as `puente start` printed them (once). */
  firstAdmin?: { email: string; password: string };
}

export interface StartOptions {
  /**
   * `false`: a fresh install (`puente start` without `--demo`), which makes the first
   * organization and prints its admin's one-time password. The demo by default.
   */
  demo?: boolean;
}

/** What `puente start` prints of the first admin (setup/start.ts), once the server answers. */
const firstAdminLines = /email: +(\S+)\n\s+password: +(\S+)\n/;

async function waitForFirstAdmin(stdout: () => string, output: () => string) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const [, email, password] = firstAdminLines.exec(stdout()) ?? [];
    if (email && password) return { email, password };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The first admin's one-time password was not printed within 15 s:\n${output()}`);
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode} before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not healthy within 60 s:\n${output()}`);
}

/**
 * Starts the real, built server with the demo organization (or, with `{ demo: false }`, as a
 * fresh install) on a free port and a fresh data folder.
 * `extraEnv` tunes the server for one test file, e.g. a faster sign-in lockout.
 * @example const server = await startServer(); … await server.stop();
 */
export async function startServer(
  extraEnv: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const demo = options.demo ?? true;
  for (const [file, what] of [
    [cli, 'the server'],
    [webIndex, 'the web app'],
  ] as const) {
    if (!existsSync(file))
      throw new Error(`${what} is not built (${file} is missing). Run \`npm run build\` first.`);
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'puente-e2e-'));
  // A copy of a database already made and migrated (see e2e/global-setup.ts) starts in
  // seconds; making a new one each time is most of a server's start. It holds migrations
  // only, no organization: a start without --demo still finds an empty install.
  const template = process.env.PUENTE_E2E_TEMPLATE;
  if (template && !extraEnv.DATA_DIR && !process.env.DATABASE_URL) {
    await cp(template, dataDir, { recursive: true });
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  const args = demo ? [cli, 'start', '--demo'] : [cli, 'start'];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'pipe' });
  let log = '';
  // The start's first lines, whole: where a fresh install prints its first admin.
  let opening = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    if (opening.length < 4_000) opening += chunk.toString();
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  let firstAdmin: RunningServer['firstAdmin'];
  try {
    await waitForHealth(url, child, () => log);
    // Printed only once the server answers, so it may follow the first healthy answer.
    if (!demo)
      firstAdmin = await waitForFirstAdmin(
        () => opening,
        () => log,
      );
  } catch (error) {
    await stop();
    throw error;
  }
  // Pulls the plug: no shutdown, no flush, as when a laptop's battery dies.
  const crash = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  return { url, stop, crash, exitCode: () => child.exitCode, ...(firstAdmin ? { firstAdmin } : {}) };
}

/**
 * Debian's Chromium, headless. A missing browser is a failure, never a skip: on CI and on laptops.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    const where = process.env.CI === 'true' ? 'CI is set, so the browser tests cannot be skipped. ' : '';
    throw new Error(
      `Chromium is not installed at ${chromiumPath}. ${where}Install it (apt-get install -y chromium) and run again.`,
    );
  }
  return launchChromium();
}

/**
 * A fresh phone: 360×740, English browser (or `locale`'s) in the demo program's time zone,
 * its own cookies and storage. CSP is bypassed only so tests can inject axe-core.
 */
export function newPhone(browser: Browser, baseURL: string, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    locale,
    // The demo program's CHWs live in its time zone; the machine running the tests may not.
    timezoneId: 'America/Los_Angeles',
    bypassCSP: true,
  });
}

/** The server and the browser a test file drives. */
export interface TestRig {
  server: RunningServer;
  browser: Browser;
}

/**
 * Starts a server (with `extraEnv` and `options`) and Chromium before a file's tests and
 * stops both after them. Read `rig.server` and `rig.browser` inside tests:
 * they are set once the hooks have run.
 */
export function useServerAndBrowser(
  extraEnv: Record<string, string> = {},
  options: StartOptions = {},
): TestRig {
  const rig = {} as TestRig;
  beforeAll(async () => {
    rig.server = await startServer(extraEnv, options);
    rig.browser = await launchBrowser();
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.stop();
  });
  return rig;
}
