export * from './checklist.js';
export * from './logo.js';
