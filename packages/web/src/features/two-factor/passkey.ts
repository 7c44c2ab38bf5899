import type { Locale, Me } from '@puente/core';
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { ApiError, api } from '../../app/api';
import { t } from '../../app/messages';
import type { Enrolled } from './api';

/** The browser's own refusals (cancelled, no authenticator) as a problem the screens can show. */
function browserRefusal(locale: Locale, error: unknown): never {
  if (error instanceof ApiError) throw error;
  const key = browserSupportsWebAuthn() ? 'twoFactor.passkeyCancelled' : 'twoFactor.passkeyUnsupported';
  throw new ApiError({ type: 'about:blank', status: 0, code: 'passkeyCancelled', title: t(locale, key) });
}

/**
 * Answers the server's passkey challenge: finishes a sign-in (with or without a
 * password first) or confirms a step-up, depending on the session.
 * @example onSignedIn(await answerWithPasskey(locale));
 */
export async function answerWithPasskey(locale: Locale): Promise<Me> {
  try {
    const optionsJSON = await api<PublicKeyCredentialRequestOptionsJSON>(
      'POST',
      '/api/auth/passkey/options',
      {},
    );
    const response = await startAuthentication({ optionsJSON });
    return await api<Me>('POST', '/api/auth/passkey', { response });
  } catch (error) {
    return browserRefusal(locale, error);
  }
}

/** Creates a passkey on this device and saves it; the first factor also gives recovery codes. */
export async function addPasskey(locale: Locale, name: string): Promise<Enrolled> {
  try {
    const optionsJSON = await api<PublicKeyCredentialCreationOptionsJSON>(
      'POST',
      '/api/me/passkeys/options',
      {},
    );
    const response = await startRegistration({ optionsJSON });
    return await api<Enrolled>('POST', '/api/me/passkeys', { response, name });
  } catch (error) {
    return browserRefusal(locale, error);
  }
}
