import { z } from 'zod';
import type { Role } from './roles.js';

/**
 * Who must use a second factor: `staff` (admins, managers, supervisors; the
 * floor), `everyone`, or `none` (the demo organization only: its passwords are
 * published, and a program cannot choose it through the API).
 */
export const twoFactorPolicies = ['none', 'staff', 'everyone'] as const;
export type TwoFactorPolicy = (typeof twoFactorPolicies)[number];

/** The roles that always need a second factor in a real program. */
export const twoFactorStaffRoles: readonly Role[] = ['admin', 'manager', 'supervisor'];

/** Whether a person of `role` must use a second factor under `policy`. */
export function twoFactorRequired(policy: TwoFactorPolicy, role: Role): boolean {
  if (policy === 'everyone') return true;
  return policy === 'staff' && twoFactorStaffRoles.includes(role);
}

/** What a session may do: everything, or only finish signing in (a code or passkey, or enrolling). */
export const SessionStage = z.enum(['full', 'second-factor', 'enrol']);
export type SessionStage = z.infer<typeof SessionStage>;

/** A TOTP code (6 digits) or a recovery code (12 letters and digits, dashes and spaces ignored). */
export const SecondFactorCode = z
  .string()
  .trim()
  .max(32)
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^(\d{6}|[A-Z2-7]{12})$/, 'fields.invalid'));

export const SecondFactorRequest = z.strictObject({ code: SecondFactorCode });

/** A step-up check: the password again, or a code. */
export const StepUpRequest = z.union([
  z.strictObject({ password: z.string().min(1).max(200) }),
  z.strictObject({ code: SecondFactorCode }),
]);

export const TwoFactorStatus = z.object({
  required: z.boolean(),
  totp: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  passkeys: z.array(
    z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() }),
  ),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const TotpEnrolment = z.object({
  /** Base32, for typing into an app that cannot scan. */
  secret: z.string(),
  /** The otpauth:// URI the QR code holds. */
  uri: z.string(),
  /** The QR code as an SVG data URL. */
  qr: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const ProgramTwoFactor = z.object({ policy: z.enum(twoFactorPolicies) });
export const ProgramTwoFactorRequest = z.strictObject({ policy: z.enum(['staff', 'everyone']) });

export const SessionView = z.object({
  id: z.uuid(),
  /** The browser's own description of itself, cut to 200 characters. */
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;
