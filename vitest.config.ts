import { defineConfig } from 'vitest/config';

// One runner for everything: unit tests (core), integration tests against a
// real database (server, PGlite or PostgreSQL) and browser tests (e2e).
export default defineConfig({
  // Workspace packages are read from their TypeScript source, never a stale build.
  resolve: { conditions: ['source', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'default'] } },
  // The global setups (the server's migrated PGlite template) run in Vitest's own environment:
  // without this, a migration that imports @puente/core resolves it to a dist a clean clone lacks.
  environments: { __vitest__: { resolve: { conditions: ['source', 'module', 'node', 'default'] } } },
  test: {
    // Vitest leaves a core free by default, which on a two-core machine runs one test
    // file at a time; the files are independent (a database each), so use both.
    maxWorkers: 2,
    projects: [
      // The FHIR R4 schema check compiles a large schema: seconds on a busy two-core machine.
      {
        extends: true,
        test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], testTimeout: 30_000 },
      },
      // The phone's offline store where it needs no browser: PIN tries, key wrapping (WebCrypto in Node).
      { extends: true, test: { name: 'web', include: ['packages/web/src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts'],
          globalSetup: ['packages/server/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The benchmark harness's own parts (the throttling proxy), not its timings.
      { extends: true, test: { name: 'bench', include: ['bench/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
