import { gad7, phq9 } from '@puente/core';

/** The instruments whose change over time is tracked (and re-screened, see core `nextSteps`). */
export const trackedInstruments = new Map([
  [phq9.url, 'phq-9'],
  [gad7.url, 'gad-7'],
]);
