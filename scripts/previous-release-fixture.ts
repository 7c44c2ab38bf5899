// Writes packages/server/src/db/fixtures/previous-releases.json: the migrations earlier
// releases shipped, so the upgrade test (src/db/upgrade.test.ts) can build a database
// exactly as they left it without the git history (CI may clone shallow). Each migration
// is kept as its name and checksum; its SQL is kept only when the file has changed since
// (an accepted earlier text, see CONTRIBUTING.md): otherwise the test reads today's file
// and checks it is byte for byte the one released.
//
//   npx tsx scripts/previous-release-fixture.ts [commit …]
//
// Without commits it writes the two releases the test starts from: the last before the
// report rollups (0010) and the last of the first release cycle (0001–0014).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

const defaults = ['382be83cf8c4aaad6f2cca81a9aa9e3f2908cb6f', 'd6d9d80c5a42f2f17a6f9d84dc0a28b0c354a28f'];
const commits = process.argv.slice(2).length > 0 ? process.argv.slice(2) : defaults;
const root = new URL('../', import.meta.url);
const dir = 'packages/server/migrations';
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

const releases = [];
for (const ref of commits) {
  const commit = git('rev-parse', `${ref}^{commit}`).trim();
  const [date = '', subject = ''] = git('show', '-s', '--format=%cI%n%s', commit).split('\n');
  const files = git('ls-tree', '--name-only', commit, `${dir}/`)
    .split('\n')
    .map((path) => path.slice(dir.length + 1))
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort();
  const migrations = [];
  for (const file of files) {
    const sql = git('show', `${commit}:${dir}/${file}`);
    const today = await readFile(new URL(`${dir}/${file}`, root), 'utf8').catch(() => undefined);
    migrations.push({
      name: file.replace(/\.sql$/, ''),
      checksum: checksum(sql),
      ...(today === sql ? {} : { sql }),
    });
  }
  releases.push({ commit, date, subject: subject.slice(0, 120), migrations });
  console.log(
    `${commit.slice(0, 7)} ${date.slice(0, 10)}: ${migrations.length} migrations, ${migrations.filter((m) => 'sql' in m).length} changed since`,
  );
}

const out = new URL('packages/server/src/db/fixtures/previous-releases.json', root);
await writeFile(out, `${JSON.stringify({ releases }, null, 2)}\n`);
console.log(`written to ${out.pathname}`);
