export * from './dates.js';
export * from './fields.js';
export * from './names.js';
export * from './phone.js';
export * from './private-links.js';
export * from './schemas.js';
export * from './views.js';
export * from './vocab.js';
