export * from './hours.js';
export * from './template.js';
