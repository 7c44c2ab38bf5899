export * from './hours.js';
export * from './needs.js';
export * from './query.js';
export * from './resource-link.js';
export * from './schemas.js';
export * from './slice.js';
export * from './spoken-time.js';
export * from './text.js';
