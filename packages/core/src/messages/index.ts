export * from './counts.js';
export * from './keywords.js';
export * from './schemas.js';
export * from './segments.js';
export * from './template.js';
export * from './zoned.js';
