export * from './merge.js';
export * from './mutations.js';
export * from './protocol.js';
