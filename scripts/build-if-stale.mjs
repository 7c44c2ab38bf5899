#!/usr/bin/env node
// `npm start` builds only when a source file is newer than the last build, so
// starting a built tree takes seconds, not a full compile.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'packages/server/dist/.built');
const sources = ['packages/core/src', 'packages/server/src', 'packages/web/src', 'packages/web/public'];
const files = ['package-lock.json', 'packages/web/index.html', 'packages/web/vite.config.ts'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), info.mtimeMs);
}

const sourceTime = Math.max(...[...sources, ...files].map((p) => newest(join(root, p))));
const builtTime = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (sourceTime > builtTime || !existsSync(join(root, 'packages/web/dist/index.html'))) {
  console.log('Building Puente…');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}
