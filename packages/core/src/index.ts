export * from './auth/roles.js';
export * from './auth/schemas.js';
export * from './errors/problem.js';
export * from './i18n/catalog.js';
export * from './i18n/locales.js';
export * from './ids/uuidv7.js';
export * from './json/canonical.js';
export * from './caseload/index.js';
