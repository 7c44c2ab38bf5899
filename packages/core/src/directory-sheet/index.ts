export * from './hours.js';
export * from './issue-text.js';
export * from './template.js';
