// Helpers for tests and benchmarks outside the server (`@puente/server/testing`), and the
// web app's route types it writes (`npm run docs:api`). The package exports this file only
// under the `source` condition (Vitest, tsx --conditions=source) and the build leaves it
// out, so it never ships in dist/.
export { testConfig } from './config.js';
export { loadMigrations, type Migration } from './db/migrate.js';
export { messySheet, sheetPerson, spanishHeader, toCsv, toXlsx } from './features/caseload-import/testing.js';
export { checkDirectoryFile, readDirectoryFile } from './features/hsds/sheet-check.js';
export { startDirectoryImport } from './features/hsds/sheet-run.js';
export { messyDirectory, sheetService, spanishTemplateHeader } from './features/hsds/sheet-testing.js';
export { type FakeProvider, fakeTwilio } from './features/messages/testing.js';
export { runJobsOnce } from './features/notifications/jobs.js';
export { byPoints, cssrsResponse } from './features/screenings/testing.js';
export { insertTeam } from './features/supervision/team-queries.js';
export { apiTypes, apiTypesFile } from './test/api-types.js';
export { fillPreviousRelease } from './test/previous-caseload.js';
export { applyRelease, previousReleases } from './test/previous-release.js';
export { type StreamingPair, startStreamingPair } from './test/streaming-pair.js';
