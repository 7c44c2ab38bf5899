#!/usr/bin/env node
// `npm run release`: puente-<version>.tgz, a folder that runs with Node ≥ 20 and
// nothing else — the built server and web app, the files they read at run time,
// and the production dependencies exactly as the lockfile installed them (copied
// from node_modules, so making a release needs no network).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const name = `puente-${version}`;
const out = join(root, 'release');
const stage = join(out, name);

for (const built of [
  'packages/server/dist/cli.js',
  'packages/core/dist/index.js',
  'packages/web/dist/index.html',
]) {
  if (!existsSync(join(root, built))) {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const copy = (from, to = from, filter) =>
  cpSync(join(root, from), join(stage, to), { recursive: true, dereference: true, filter });
const notTests = (path) => !/\.test\.(js|d\.ts|js\.map)$/.test(path);

// The server reads these relative to its own files, so the layout under packages/ is kept.
copy('packages/server/package.json');
copy('packages/server/dist', undefined, notTests);
copy('packages/server/migrations');
copy('packages/server/content');
copy('packages/server/src/features/hsds/spec/schema');
copy('packages/web/dist');
copy('LICENSE');
copy('README.md');
if (existsSync(join(root, 'CHANGELOG.md'))) copy('CHANGELOG.md');
if (existsSync(join(root, '.env.example'))) copy('.env.example');

// Production dependencies of the server, found in the lockfile the way Node resolves
// them (nearest node_modules first, then up), and copied as npm installed them.
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
function resolveDep(from, dep) {
  for (let at = from; ; at = at.slice(0, Math.max(0, at.lastIndexOf('/node_modules/')))) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${dep}`;
    if (lock[candidate]) return candidate;
    if (!at) throw new Error(`${dep} (needed by ${from || 'the server'}) is not in package-lock.json`);
  }
}
const needed = new Set();
const walk = (location) => {
  const entry = lock[location];
  const deps = { ...entry.dependencies, ...entry.optionalDependencies };
  for (const dep of Object.keys(deps)) {
    const found = resolveDep(location, dep);
    if (needed.has(found)) continue;
    if (lock[found].optional && !existsSync(join(root, found))) continue; // another platform's build
    needed.add(found);
    walk(lock[found].link ? lock[found].resolved : found);
  }
};
walk('packages/server');
for (const location of needed) {
  const entry = lock[location];
  if (entry.link) {
    // The workspace's core package: its build, not its sources.
    copy(`${entry.resolved}/package.json`, `${location}/package.json`);
    copy(`${entry.resolved}/dist`, `${location}/dist`, notTests);
    continue;
  }
  copy(location, location, (p) => !p.includes('/.cache/'));
}

writeFileSync(
  join(stage, 'package.json'),
  `${JSON.stringify({ name: 'puente', version, private: true, type: 'module', engines: { node: '>=20.19' } }, null, 2)}\n`,
);
writeFileSync(
  join(stage, 'puente'),
  `#!/bin/sh
# Puente ${version}: ./puente start (see ./puente --help). Needs Node.js 20.19 or newer.
here=$(dirname "$0")
exec node "$here/packages/server/dist/cli.js" "$@"
`,
);
chmodSync(join(stage, 'puente'), 0o755);

const tarball = join(out, `${name}.tgz`);
execFileSync('tar', ['-czf', tarball, '-C', out, name]);
rmSync(stage, { recursive: true, force: true });
console.log(relative(root, tarball));
