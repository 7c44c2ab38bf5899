export * from './relationships.js';
export * from './schemas.js';
