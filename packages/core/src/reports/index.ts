export * from './cells.js';
export * from './deid.js';
export * from './publish.js';
export * from './schemas.js';
