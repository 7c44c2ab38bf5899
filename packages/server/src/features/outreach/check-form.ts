import {
  allItems,
  builtInQuestionnaires,
  canonicalOf,
  PuenteError,
  type Questionnaire,
  talkCheck,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { findQuestionnaire } from '../screenings/instruments.js';

export const talkCheckCanonical = canonicalOf(talkCheck);
const screeningInstruments = new Set(builtInQuestionnaires.map(canonicalOf));
// Questions that cannot carry a name, an address or a story: attendees stay anonymous.
const anonymousTypes = new Set(['group', 'display', 'choice', 'boolean', 'integer', 'decimal']);

/**
 * The questionnaire an event's check uses: the built-in talk check or one of
 * the program's own forms. Screening instruments (PHQ-9…) are for one person
 * with a CHW, never for a room, and a form with free-text questions could ask
 * for something personal, so both are refused.
 */
export async function resolveCheck(
  db: Queryable,
  orgId: string,
  canonical: string,
): Promise<{ canonical: string; questionnaire: Questionnaire }> {
  if (canonical === talkCheckCanonical) return { canonical, questionnaire: talkCheck };
  if (screeningInstruments.has(canonical)) throw new PuenteError(400, 'errors.checkNotAllowed');
  const questionnaire = await findQuestionnaire(db, orgId, canonical);
  if (allItems(questionnaire.item).some((item) => !anonymousTypes.has(item.type))) {
    throw new PuenteError(400, 'errors.checkNotAllowed');
  }
  return { canonical, questionnaire };
}

/** Questionnaires an event may use: the talk check first, then the program's anonymous-safe forms. */
export async function checkChoices(db: Queryable, orgId: string) {
  const forms = await db.query<{ resource: Questionnaire }>(
    'select resource from program_form where org_id = $1 order by url, created_at',
    [orgId],
  );
  const safe = forms
    .map((f) => f.resource)
    .filter((q) => allItems(q.item).every((item) => anonymousTypes.has(item.type)));
  return [talkCheck, ...safe].map((q) => ({
    canonical: canonicalOf(q),
    title: q.title ?? q.url,
    validated: false,
    builtIn: q === talkCheck,
  }));
}
