export * from './deid.js';
export * from './schemas.js';
