import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What `npm run build` puts in dist/ is what a deployment runs: no test helper
// may be in it (a helper imports vitest or seeds fake people), and everything
// it imports must be a declared production dependency of its own package, so
// installing the package alone runs it. Every other import (tests, e2e, bench)
// must be declared too, in its package or, for the shared tools, the root.

const repo = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8'));

/** A file only tests use: a test, the shared test harness, builders, the sync simulation, the policy worlds. */
const helper =
  /(\.test\.tsx?$|[\\/]test[\\/]|[\\/]testing\.ts$|[\\/]sim-[^\\/]*\.ts$|[\\/]policy[\\/]world[\\/]|policy-world\.ts$)/;

/** The sources the package's build config would emit: its include/exclude, plus whatever those import. */
function emitted(pkg: string): string[] {
  const configPath = join(repo, pkg, 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const src = join(repo, pkg, 'src') + sep;
  return program
    .getSourceFiles()
    .map((f) => f.fileName.split('/').join(sep))
    .filter((f) => f.startsWith(src) && !f.endsWith('.d.ts'));
}

/** The packages a file imports by name (`pg`, `@hono/zod-openapi`), not relative paths or Node's own. */
function packagesImported(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => !name.startsWith('.') && !name.startsWith('node:') && !builtinModules.includes(name))
    .map((name) =>
      name
        .split('/')
        .slice(0, name.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

/** Relative imports that reach into a package's folder (`../../packages/server/src/app.js`). */
function reachesIntoPackages(file: string, text = readFileSync(file, 'utf8')): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .filter((name) => relative(repo, resolve(dirname(file), name)).split(sep)[0] === 'packages');
}

function sources(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !/[\\/](node_modules|dist|results)[\\/]/.test(f));
}

describe.each(['packages/core', 'packages/server'])('the build of %s', (pkg) => {
  const files = emitted(pkg);

  it('emits the package’s code (the check reads what it thinks it reads)', () => {
    expect(files.some((f) => f.endsWith(`${sep}index.ts`) || f.endsWith(`${sep}cli.ts`))).toBe(true);
    expect(files.length).toBeGreaterThan(20);
  });

  it('holds no test helper, and nothing it builds imports one', () => {
    expect(files.filter((f) => helper.test(f)).map((f) => relative(repo, f))).toEqual([]);
  });

  it('imports only the package’s declared production dependencies', () => {
    const declared = new Set(Object.keys(manifest(pkg).dependencies ?? {}));
    const undeclared = files.flatMap((f) =>
      packagesImported(f)
        .filter((name) => !declared.has(name))
        .map((name) => `${relative(repo, f)} imports ${name}`),
    );
    expect(undeclared).toEqual([]);
  });
});

describe('dependencies are declared where they are used', () => {
  // The test runner and the compiler are the repository's tools, declared once at the root.
  const tools = ['vitest', 'typescript'];
  const places = [
    { dir: 'packages/core', code: 'packages/core/src' },
    { dir: 'packages/server', code: 'packages/server/src' },
    { dir: 'packages/web', code: 'packages/web/src' },
    { dir: 'e2e', code: 'e2e' },
    { dir: 'bench', code: 'bench' },
  ];

  it('the shared tools are the root’s', () => {
    expect(Object.keys(manifest('.').devDependencies ?? {})).toEqual(expect.arrayContaining(tools));
  });

  it.each(places)(
    '$code imports only what $dir/package.json (or a shared tool) declares',
    ({ dir, code }) => {
      const own = manifest(dir);
      const declared = new Set([
        ...Object.keys(own.dependencies ?? {}),
        ...Object.keys(own.devDependencies ?? {}),
        ...tools,
      ]);
      const undeclared = sources(code).flatMap((f) =>
        packagesImported(f)
          .filter((name) => !declared.has(name))
          .map((name) => `${relative(repo, f)} imports ${name}`),
      );
      expect(undeclared).toEqual([]);
    },
  );

  it('catches an undeclared import (the check can fail)', () => {
    const file = join(repo, 'packages/server/src/packaging.test.ts');
    expect(packagesImported(file)).toEqual(expect.arrayContaining(['typescript', 'vitest']));
    expect(packagesImported(file)).not.toContain('node:fs');
    expect(helper.test(join(repo, 'packages/server/src/features/fhir/testing.ts'))).toBe(true);
    expect(helper.test(join(repo, 'packages/server/src/features/fhir/mappers/patient.ts'))).toBe(false);
  });
});

describe('bench and e2e use the packages as a package’s user would', () => {
  // By name, through each package's exports (`@puente/server`, `@puente/server/testing`),
  // so the packages decide what is theirs to offer and may move their files freely.
  it.each(['bench', 'e2e'])('%s imports no package’s files by relative path', (dir) => {
    const reaching = sources(dir).flatMap((f) =>
      reachesIntoPackages(f).map((name) => `${relative(repo, f)} imports ${name}`),
    );
    expect(reaching).toEqual([]);
  });

  it('catches a relative import into a package (the check can fail)', () => {
    const file = join(repo, 'bench/scenarios/example.ts');
    expect(reachesIntoPackages(file, "import { buildApp } from '../../packages/server/src/app.js';")).toEqual(
      ['../../packages/server/src/app.js'],
    );
    expect(
      reachesIntoPackages(file, "import type { Need } from '../../packages/core/dist/index.js';"),
    ).toHaveLength(1);
    expect(reachesIntoPackages(file, "import { answer } from '../lib/answer.js';")).toEqual([]);
    expect(reachesIntoPackages(file, "import { buildApp } from '@puente/server';")).toEqual([]);
  });
});
