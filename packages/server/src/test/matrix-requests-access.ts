// The authorization matrix's requests for signing in, one's own account, second factors,
// sessions, users, teams and the program's settings (not used by the server).
import { uuidv7 } from '@puente/core';
import { PASSWORD } from './app.js';
import { signIn } from './http.js';
import { byId, fill, freshSignIn, type Recipe, withBody } from './matrix-recipes.js';

/** A WebAuthn answer no server asked for: well-formed, refused on its merits. */
const fakeCredential = (part: 'attestationObject' | 'authenticatorData') => ({
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  clientExtensionResults: {},
  response:
    part === 'attestationObject'
      ? { clientDataJSON: 'e30', attestationObject: 'AAAA' }
      : { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
});

export const accessRecipes: Record<string, Recipe> = {
  'POST /api/auth/sign-in': withBody((w) => ({ email: w.home.manager, password: PASSWORD })),
  'POST /api/auth/sign-out': {
    async make(w, _kind, caller, template) {
      const cookie = caller === 'anonymous' ? '' : await signIn(w.h.app, w.home[caller], PASSWORD);
      return { path: template, cookie };
    },
  },
  'PUT /api/me/preferences': withBody((_w, caller) => ({ locale: caller === 'chw' ? 'es' : 'en' })),
  'POST /api/me/password': withBody(() => ({ currentPassword: PASSWORD, newPassword: PASSWORD })),
  'POST /api/me/two-factor/totp/confirm': withBody(() => ({ code: '000000' })),
  'DELETE /api/me/two-factor/totp': freshSignIn(),
  'POST /api/me/two-factor/recovery-codes': freshSignIn(),
  'POST /api/me/passkeys': withBody(() => ({ name: 'Phone', response: fakeCredential('attestationObject') })),
  'DELETE /api/me/passkeys/{id}': freshSignIn({ id: 'no-such-passkey' }),
  'POST /api/auth/second-factor': withBody(() => ({ code: '000000' })),
  'POST /api/auth/passkey': withBody(() => ({ response: fakeCredential('authenticatorData') })),
  'POST /api/auth/step-up': withBody(() => ({ password: PASSWORD })),
  'PUT /api/program/two-factor': withBody(() => ({ policy: 'none' })),
  'POST /api/me/sessions/{id}/sign-out': {
    make: (_w, _kind, _caller, template) => ({ path: fill(template, { id: uuidv7() }) }),
  },
  'GET /api/users/{id}/sessions': byId((w, kind) => w.owner[kind].id),
  // A person made for the call: signing out a caller of the matrix would end its own sessions.
  'POST /api/users/{id}/sessions/sign-out': byId(async (w, kind) => {
    const id = uuidv7();
    const orgId = kind === 'foreign' ? w.away.orgId : w.home.orgId;
    await w.h.db.query(
      `insert into app_user (id, org_id, email, display_name, role, password_hash)
       values ($1, $2, $3, 'Leaving', 'chw', 'x')`,
      [id, orgId, `leaving-${id}@matrix.test`],
    );
    return id;
  }),
  // A person of the kind's organization made for the call, signed in on one browser the admin ends.
  'POST /api/users/{id}/sessions/{sessionId}/sign-out': {
    perRecord: true,
    async make(w, kind, _caller, template) {
      const id = uuidv7();
      const orgId = kind === 'foreign' ? w.away.orgId : w.home.orgId;
      await w.h.db.query(
        `insert into app_user (id, org_id, email, display_name, role, password_hash)
         values ($1, $2, $3, 'Shared computer', 'chw', 'x')`,
        [id, orgId, `signed-in-${id}@matrix.test`],
      );
      const [session] = await w.h.db.query<{ id: string }>(
        `insert into session (token_hash, org_id, user_id, expires_at)
         values ($1, $2, $3, now() + interval '1 hour') returning id`,
        [`matrix-${id}`, orgId, id],
      );
      return { path: fill(template, { id, sessionId: session?.id ?? '' }) };
    },
  },
  'POST /api/users': withBody(() => ({
    email: `new-${uuidv7()}@matrix.test`,
    displayName: 'New colleague',
    role: 'chw',
    password: PASSWORD,
  })),
  'PATCH /api/users/{id}': byId((w, kind) => w.owner[kind].id, { displayName: 'Renamed' }),
  'POST /api/users/invitations': withBody(() => ({
    email: `invited-${uuidv7()}@matrix.test`,
    displayName: 'Invited colleague',
    role: 'chw',
  })),
  'POST /api/users/{id}/password-link': byId((w, kind) => w.owner[kind].id),
  'POST /api/auth/forgot-password': withBody((w) => ({ email: w.home.manager })),
  'POST /api/auth/set-password': withBody(() => ({ token: 'a'.repeat(43), newPassword: PASSWORD })),
  'POST /api/teams': withBody((w) => ({ name: 'Another team', supervisorId: w.home.ids[w.home.supervisor] })),
  'PUT /api/program/settings': withBody((w) => w.settings.program),
  'PUT /api/program/logo': withBody(() => ({
    mediaType: 'image/png',
    data: Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(8),
    ]).toString('base64'),
  })),
};
