import { createHash } from 'node:crypto';
import {
  isLogoOf,
  type LogoMediaType,
  logoMaxBytes,
  type ProgramLogo,
  type ProgramLogoRequest,
  PuenteError,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

/** The program's logo, if it has one: what kind of picture and its version, without the bytes. */
export async function programLogo(db: Queryable, orgId: string): Promise<ProgramLogo | undefined> {
  const [row] = await db.query<ProgramLogo>(
    'select media_type as "mediaType", version from program_logo where org_id = $1',
    [orgId],
  );
  return row;
}

/** The picture itself, to be served; a program without one is 404 in words. */
export async function logoImage(
  db: Queryable,
  orgId: string,
): Promise<{ mediaType: LogoMediaType; version: string; image: Uint8Array }> {
  const [row] = await db.query<{ mediaType: LogoMediaType; version: string; image: Uint8Array }>(
    'select media_type as "mediaType", version, image from program_logo where org_id = $1',
    [orgId],
  );
  if (!row) throw new PuenteError(404, 'errors.logoNotFound');
  return row;
}

/**
 * An admin sets the logo. The bytes must be the picture they say they are (it
 * is served with that type), and no larger than a phone should fetch at sign-in.
 */
export async function changeLogo(
  tx: Queryable,
  caller: Caller,
  request: ProgramLogoRequest,
): Promise<ProgramLogo> {
  const image = Buffer.from(request.data, 'base64');
  if (image.length > logoMaxBytes) throw new PuenteError(413, 'errors.logoTooLarge');
  if (!isLogoOf(request.mediaType, image)) throw new PuenteError(422, 'errors.logoNotAPicture');
  const { orgId } = caller.actor;
  const version = createHash('sha256').update(image).digest('base64url').slice(0, 16);
  await tx.query(
    `insert into program_logo (org_id, media_type, image, version, updated_by) values ($1, $2, $3, $4, $5)
     on conflict (org_id) do update set media_type = excluded.media_type, image = excluded.image,
       version = excluded.version, updated_by = excluded.updated_by, updated_at = now()`,
    [orgId, request.mediaType, image, version, caller.actor.userId],
  );
  await recordAudit(tx, who(caller), {
    action: 'program.logo-changed',
    subjectType: 'organization',
    subjectId: orgId,
    detail: { mediaType: request.mediaType, bytes: image.length },
  });
  return { mediaType: request.mediaType, version };
}

/** An admin takes the logo away; taking away none is not an error (the screen may be stale). */
export async function removeLogo(tx: Queryable, caller: Caller): Promise<void> {
  const { orgId } = caller.actor;
  const gone = await tx.query('delete from program_logo where org_id = $1 returning org_id', [orgId]);
  if (gone.length > 0) {
    await recordAudit(tx, who(caller), {
      action: 'program.logo-removed',
      subjectType: 'organization',
      subjectId: orgId,
    });
  }
}
