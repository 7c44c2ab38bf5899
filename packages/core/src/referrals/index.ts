export * from './intake.js';
export * from './lifecycle.js';
export * from './schemas.js';
export * from './sharing.js';
export * from './vocab.js';
