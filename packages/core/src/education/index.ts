export * from './change.js';
export * from './knowledge-check.js';
export * from './markdown.js';
export * from './outreach.js';
export * from './readability.js';
export * from './schemas.js';
