import type { DirectorySettings } from '@puente/core';
import { PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';

export const defaultDirectorySettings: DirectorySettings = {
  hsdsPublic: false,
  publicSlug: null,
  staleAfterMonths: 12,
};

/** The directory's settings, or the defaults (HSDS needs a sign-in; stale after 12 months). */
export async function directorySettings(db: Queryable, orgId: string): Promise<DirectorySettings> {
  const [row] = await db.query<DirectorySettings>(
    `select hsds_public as "hsdsPublic", public_slug as "publicSlug", stale_after_months as "staleAfterMonths"
       from directory_setting where org_id = $1`,
    [orgId],
  );
  return row ?? defaultDirectorySettings;
}

export async function saveDirectorySettings(
  db: Queryable,
  orgId: string,
  s: DirectorySettings,
): Promise<void> {
  if (s.publicSlug) {
    const taken = await db.query('select 1 from directory_setting where public_slug = $1 and org_id <> $2', [
      s.publicSlug,
      orgId,
    ]);
    if (taken.length > 0) throw new PuenteError(409, 'errors.slugTaken');
  }
  await db.query(
    `insert into directory_setting (org_id, hsds_public, public_slug, stale_after_months) values ($1, $2, $3, $4)
     on conflict (org_id) do update set hsds_public = excluded.hsds_public, public_slug = excluded.public_slug,
       stale_after_months = excluded.stale_after_months`,
    [orgId, s.hsdsPublic, s.publicSlug, s.staleAfterMonths],
  );
}

/** The organization whose directory is public under this slug; 404 otherwise, so private ones stay unknown. */
export async function publicDirectoryOrg(db: Queryable, slug: string): Promise<string> {
  const [row] = await db.query<{ org_id: string }>(
    'select org_id from directory_setting where public_slug = $1 and hsds_public',
    [slug],
  );
  if (!row) throw new PuenteError(404, 'errors.directoryNotPublic');
  return row.org_id;
}
