import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from './passkeys.js';

const b64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);

/** What @simplewebauthn/browser sends back; the authenticator's fields are checked by the verifier. */
const credentialBase = {
  id: b64url.min(1).max(1024),
  rawId: b64url.min(1).max(1024),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

export const RegistrationResponse = z.strictObject({
  ...credentialBase,
  response: z.looseObject({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
});

export const AuthenticationResponse = z.strictObject({
  ...credentialBase,
  response: z.looseObject({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

export const NewPasskeyRequest = z.strictObject({
  response: RegistrationResponse,
  name: z.string().trim().min(1).max(60),
});

export const PasskeyAnswerRequest = z.strictObject({ response: AuthenticationResponse });

export const TotpConfirmRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'fields.invalid'),
});

/** The options a browser passes to navigator.credentials, as the WebAuthn JSON forms. */
export const WebAuthnOptions = z.record(z.string(), z.unknown()).meta({ id: 'WebAuthnOptions' });

// The validated shapes are the library's JSON types (zod cannot name the transports' literal union).
export const asRegistration = (r: z.infer<typeof RegistrationResponse>) => r as RegistrationResponseJSON;
export const asAuthentication = (r: z.infer<typeof AuthenticationResponse>) =>
  r as AuthenticationResponseJSON;
