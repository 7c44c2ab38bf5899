import {
  type HelpPage,
  type HelpPageSetting,
  type Locale,
  type PublicTopic,
  PuenteError,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { crisisSettings } from '../alerts/crisis-settings.js';
import { recordAudit, who } from '../audit/record.js';
import { library } from './library.js';

/**
 * The program's crisis lines as a public page shows them: lines in the
 * reader's language first. Only the lines: never who is on call.
 */
export async function publicCrisisLines(db: Queryable, orgId: string, language: Locale) {
  const { crisisLines } = await crisisSettings(db, orgId);
  const first = (tag: string) => (tag.toLowerCase().startsWith(language) ? 0 : 1);
  return [...crisisLines]
    .sort((a, b) => first(a.language) - first(b.language))
    .map((l) => ({
      label: l.label,
      phone: l.phone ?? null,
      sms: l.sms ?? null,
      smsBody: l.smsBody ?? null,
      chat: l.chat ?? null,
      hours: l.hours ?? null,
    }));
}

/** The local emergency number the program set, for a public page's tap-to-call button. */
async function emergencyNumber(db: Queryable, orgId: string): Promise<string | null> {
  return (await crisisSettings(db, orgId)).emergencyNumber ?? null;
}

/** The organization whose help page answers to this slug; "not found" when it is off or unknown. */
async function helpPageOrg(db: Queryable, slug: string): Promise<{ orgId: string; program: string }> {
  const [row] = await db.query<{ orgId: string; program: string }>(
    `select s.org_id as "orgId", o.name as program from help_page_setting s join organization o on o.id = s.org_id
      where s.public_slug = $1 and s.enabled`,
    [slug],
  );
  if (!row) throw new PuenteError(404, 'errors.helpPageNotFound');
  return row;
}

/** The public "find help" page: crisis lines and the library in one language. */
export async function helpPage(db: Queryable, slug: string, language: Locale): Promise<HelpPage> {
  const { orgId, program } = await helpPageOrg(db, slug);
  const topics = (await library(db, orgId)).filter((t) => t.language === language);
  return {
    program,
    language,
    crisisLines: await publicCrisisLines(db, orgId, language),
    emergencyNumber: await emergencyNumber(db, orgId),
    topics: topics.map((t) => ({ id: t.id, title: t.title })),
    // The directory has no public search page yet; when it does, its address goes here.
    directoryUrl: null,
  };
}

export async function helpPageTopic(db: Queryable, slug: string, topicId: string): Promise<PublicTopic> {
  const { orgId } = await helpPageOrg(db, slug);
  const topic = (await library(db, orgId)).find((t) => t.id === topicId);
  if (!topic) throw new PuenteError(404, 'errors.topicNotFound');
  return {
    title: topic.title,
    language: topic.language,
    body: topic.body,
    crisisLines: await publicCrisisLines(db, orgId, topic.language),
    emergencyNumber: await emergencyNumber(db, orgId),
  };
}

export async function helpPageSetting(db: Queryable, orgId: string): Promise<HelpPageSetting | null> {
  const [row] = await db.query<HelpPageSetting>(
    'select enabled, public_slug as slug from help_page_setting where org_id = $1',
    [orgId],
  );
  return row ?? null;
}

export async function saveHelpPageSetting(db: Queryable, orgId: string, s: HelpPageSetting): Promise<void> {
  const taken = await db.query('select 1 from help_page_setting where public_slug = $1 and org_id <> $2', [
    s.slug,
    orgId,
  ]);
  if (taken.length > 0) throw new PuenteError(409, 'errors.slugTaken');
  await db.query(
    `insert into help_page_setting (org_id, enabled, public_slug) values ($1, $2, $3)
     on conflict (org_id) do update set enabled = excluded.enabled, public_slug = excluded.public_slug`,
    [orgId, s.enabled, s.slug],
  );
}

/** An admin turns the public "find help" page on or off and chooses its address; audited. */
export async function changeHelpPageSetting(
  tx: Queryable,
  caller: Caller,
  setting: HelpPageSetting,
): Promise<HelpPageSetting> {
  const { orgId } = caller.actor;
  await saveHelpPageSetting(tx, orgId, setting);
  await recordAudit(tx, who(caller), {
    action: 'program.help-page-changed',
    subjectType: 'organization',
    subjectId: orgId,
    detail: { enabled: setting.enabled, slug: setting.slug },
  });
  return setting;
}
