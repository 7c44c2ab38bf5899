import type { Questionnaire } from '../fhir.js';
import { ahcHrsn } from './ahc-hrsn.js';
import { cssrs } from './cssrs.js';
import { gad2, gad7 } from './gad.js';
import { phq2, phq9 } from './phq.js';

export { ahcHrsn, cssrs, gad2, gad7, phq2, phq9 };

/** Every built-in instrument, as shipped to the phone and served at `/fhir/r4/Questionnaire`. */
export const builtInQuestionnaires: readonly Questionnaire[] = [phq2, phq9, gad2, gad7, cssrs, ahcHrsn];
