import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Context } from 'hono';
import type { Queryable } from '../../db/types.js';
import type { AppEnv } from '../../http/env.js';

export type { AuthenticationResponseJSON, RegistrationResponseJSON };

/** Loaded at the first passkey ceremony: the verifier holds a few MB that most processes never use. */
const webauthn = () => import('@simplewebauthn/server');

/**
 * The relying party: PUBLIC_URL's host and origin. A browser on `localhost`
 * (a laptop, the browser tests) is also accepted with its own origin, since
 * WebAuthn refuses IP addresses such as the default 127.0.0.1.
 */
export function relyingParty(c: Context<AppEnv>): { rpID: string; origin: string } {
  const configured = new URL(c.get('config').publicUrl);
  const asked = new URL(c.req.url);
  const host = c.req.header('host') ?? asked.host;
  const hostname = host.replace(/:\d+$/, '');
  if (hostname === 'localhost' && configured.hostname !== 'localhost') {
    return { rpID: 'localhost', origin: `${asked.protocol}//${host}` };
  }
  return { rpID: configured.hostname, origin: configured.origin };
}

const CHALLENGE_SECONDS = 120;

async function keepChallenge(db: Queryable, challenge: string, purpose: string, userId: string | null) {
  await db.query('delete from webauthn_challenge where expires_at < now()');
  await db.query(
    `insert into webauthn_challenge (challenge, purpose, user_id, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4))`,
    [challenge, purpose, userId, CHALLENGE_SECONDS],
  );
}

/** Takes a challenge out (it serves once); undefined when unknown, expired or for another purpose. */
export async function takeChallenge(
  db: Queryable,
  clientDataJSON: string,
  purpose: 'register' | 'authenticate',
): Promise<{ challenge: string; userId: string | null } | undefined> {
  let challenge: unknown;
  try {
    challenge = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')).challenge;
  } catch {
    return undefined;
  }
  if (typeof challenge !== 'string') return undefined;
  const [row] = await db.query<{ challenge: string; userId: string | null }>(
    `delete from webauthn_challenge where challenge = $1 and purpose = $2 and expires_at > now()
     returning challenge, user_id as "userId"`,
    [challenge, purpose],
  );
  return row;
}

interface StoredPasskey {
  id: string;
  userId: string;
  publicKey: string;
  counter: number;
  transports: string[];
}

const asTransports = (t: string[]) => t as AuthenticatorTransportFuture[];

async function passkeysOf(db: Queryable, userId: string): Promise<StoredPasskey[]> {
  return db.query<StoredPasskey>(
    `select id, user_id as "userId", public_key as "publicKey", counter::float8 as counter, transports
       from user_passkey where user_id = $1`,
    [userId],
  );
}

export async function registrationOptions(
  db: Queryable,
  rp: { rpID: string },
  user: { id: string; email: string; displayName: string },
) {
  const existing = await passkeysOf(db, user.id);
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: 'Puente',
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.displayName,
    userID: Buffer.from(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: asTransports(p.transports) })),
    // A discoverable credential lets a locked-out person sign in with the passkey alone.
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await keepChallenge(db, options.challenge, 'register', user.id);
  return options;
}

/** Verifies a new passkey against the challenge made for this user; the credential, or undefined. */
export async function verifyRegistration(
  rp: { rpID: string; origin: string },
  response: RegistrationResponseJSON,
  challenge: string,
) {
  const { verifyRegistrationResponse } = await webauthn();
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified) return undefined;
  const { credential } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? [],
  };
}

/** Options to sign in or confirm with a passkey: this user's, or any discoverable one. */
export async function authenticationOptions(db: Queryable, rp: { rpID: string }, userId: string | null) {
  const allow = userId ? await passkeysOf(db, userId) : [];
  const { generateAuthenticationOptions } = await webauthn();
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: allow.map((p) => ({ id: p.id, transports: asTransports(p.transports) })),
    // Without a password first, the passkey is both factors: the device must check who holds it.
    userVerification: userId ? 'preferred' : 'required',
  });
  await keepChallenge(db, options.challenge, 'authenticate', userId);
  return options;
}

/** The user a passkey answer proves, after checking it and moving its counter; else undefined. */
export async function verifyAuthentication(
  db: Queryable,
  rp: { rpID: string; origin: string },
  response: AuthenticationResponseJSON,
  challenge: { challenge: string; userId: string | null },
): Promise<string | undefined> {
  const [stored] = await db.query<StoredPasskey>(
    `select id, user_id as "userId", public_key as "publicKey", counter::float8 as counter, transports
       from user_passkey where id = $1`,
    [response.id],
  );
  if (!stored || (challenge.userId && challenge.userId !== stored.userId)) return undefined;
  const { verifyAuthenticationResponse } = await webauthn();
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: stored.id,
      publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
      counter: stored.counter,
      transports: asTransports(stored.transports),
    },
    requireUserVerification: challenge.userId === null,
  }).catch(() => undefined);
  if (!result?.verified) return undefined;
  await db.query('update user_passkey set counter = $2, last_used_at = now() where id = $1', [
    stored.id,
    result.authenticationInfo.newCounter,
  ]);
  return stored.userId;
}
