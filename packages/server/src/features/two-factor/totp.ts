import { generateSecret, generateURI, verify } from 'otplib';
import { qrDataUri } from '../../http/qr.js';

/** Codes one 30-second step either side of now are accepted: phones' clocks drift. */
const tolerance = 30;

/** A new TOTP secret (base32, 20 bytes as RFC 4226 recommends) and what the authenticator app scans. */
export async function newTotp(issuer: string, label: string) {
  const secret = generateSecret({ length: 20 });
  const uri = generateURI({ issuer, label, secret });
  return { secret, uri, qr: qrDataUri(uri) };
}

/**
 * The time step of `code` when it is right and newer than `afterStep` (a code
 * is accepted once), else undefined.
 */
export async function checkTotp(
  secret: string,
  code: string,
  afterStep: number | null,
): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: tolerance,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
