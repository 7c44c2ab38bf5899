import {
  builtInQuestionnaires,
  canonicalOf,
  PuenteError,
  type Questionnaire,
  QuestionnaireRejected,
  uuidv7,
  validateQuestionnaire,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

const builtIn = new Map(builtInQuestionnaires.map((q) => [canonicalOf(q), q]));
const builtInUrls = new Set(builtInQuestionnaires.map((q) => q.url));

/**
 * The questionnaire a response names by `url|version`: a built-in instrument
 * or one of the program's own forms. An unknown form or version is refused.
 */
export async function findQuestionnaire(
  db: Queryable,
  orgId: string,
  canonical: string,
): Promise<Questionnaire> {
  const found = builtIn.get(canonical);
  if (found) return found;
  const bar = canonical.lastIndexOf('|');
  if (bar > 0) {
    const [row] = await db.query<{ resource: Questionnaire }>(
      'select resource from program_form where org_id = $1 and url = $2 and version = $3',
      [orgId, canonical.slice(0, bar), canonical.slice(bar + 1)],
    );
    if (row) return row.resource;
  }
  throw new PuenteError(422, 'errors.unknownQuestionnaire');
}

/** Every questionnaire the phone may fill in: the built-in ones, then the program's own. */
export async function listQuestionnaires(db: Queryable, orgId: string): Promise<Questionnaire[]> {
  const forms = await db.query<{ resource: Questionnaire }>(
    'select resource from program_form where org_id = $1 order by url, created_at',
    [orgId],
  );
  return [...builtInQuestionnaires, ...forms.map((f) => f.resource)];
}

/**
 * Adds a program's own form after checking it can be rendered and scored.
 * Forms are versioned like the built-in ones: a change is a new version, never an edit. Audited.
 */
export async function addProgramForm(tx: Queryable, caller: Caller, json: unknown): Promise<Questionnaire> {
  const { orgId, userId } = caller.actor;
  const problems = validateQuestionnaire(json);
  if (problems.length > 0) throw new QuestionnaireRejected(problems);
  const form = json as Questionnaire;
  if (builtInUrls.has(form.url)) throw new PuenteError(409, 'errors.formExists');
  const inserted = await tx.query(
    `insert into program_form (id, org_id, url, version, resource, created_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (org_id, url, version) do nothing returning id`,
    [uuidv7(), orgId, form.url, form.version, JSON.stringify(form), userId],
  );
  if (inserted.length === 0) throw new PuenteError(409, 'errors.formExists');
  await recordAudit(tx, who(caller), {
    action: 'program.form-added',
    subjectType: 'questionnaire',
    subjectId: `${form.url}|${form.version}`,
  });
  return form;
}
