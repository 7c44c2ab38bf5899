export * from './alerts.js';
export * from './crisis.js';
export * from './finding.js';
export * from './safety-plan.js';
export * from './screenings.js';
