export * from './consent.js';
export * from './decide.js';
export * from './kinds.js';
export * from './permissions.js';
export * from './suppress.js';
export * from './table.js';
export * from './texting.js';
