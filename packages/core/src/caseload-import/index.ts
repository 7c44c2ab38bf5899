export * from './mapping.js';
export * from './schemas.js';
