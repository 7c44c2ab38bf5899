import { z } from 'zod';
import { locales } from '../i18n/locales.js';
import { limits } from './limits.js';
import { roles } from './roles.js';
import { SessionStage } from './two-factor.js';

export const RoleSchema = z.enum(roles);

export const LocaleSchema = z.enum(locales);

export const Email = z.string().trim().toLowerCase().max(limits.emailMax).pipe(z.email());

export const NewPassword = z.string().min(limits.passwordMin).max(limits.passwordMax);

export const SignInRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(limits.passwordMax),
  /** The offline copy this phone holds, if any: only a sign-in made on it may recover its key. */
  device: z.uuid().optional(),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(limits.passwordMax),
  newPassword: NewPassword,
});

export const PreferencesRequest = z.strictObject({ locale: LocaleSchema });

/** The signed-in person as the web app sees them. */
export const Me = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
  /** `logo`: the version of the program's logo, when it has one (GET /api/program/logo?v=…). */
  organization: z.object({ id: z.uuid(), name: z.string(), logo: z.string().optional() }),
  /** Left out when the session is full; otherwise what is still due to finish signing in. */
  stage: SessionStage.exclude(['full']).optional(),
  /** The password was set by someone else: until it is changed, the session may only change it. */
  mustChangePassword: z.boolean().optional(),
});
export type Me = z.infer<typeof Me>;

export const NewUserRequest = z.strictObject({
  email: Email,
  displayName: z.string().trim().min(1).max(limits.nameMax),
  role: RoleSchema,
  locale: LocaleSchema.default('en'),
  password: NewPassword,
});
export type NewUserRequest = z.infer<typeof NewUserRequest>;

/** An admin invites someone by email; they choose their own password from the link. */
export const InviteUserRequest = NewUserRequest.omit({ password: true });
export type InviteUserRequest = z.infer<typeof InviteUserRequest>;

/** "Forgot password": the answer is the same whether or not the email has an account. */
export const ForgotPasswordRequest = z.strictObject({ email: Email });

/** Setting one's password from an emailed link: the link's token, and the new password. */
export const SetPasswordRequest = z.strictObject({
  token: z.string().regex(/^[\w-]{43}$/, 'fields.invalid'),
  newPassword: NewPassword,
});

export const UpdateUserRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(limits.nameMax).optional(),
  role: RoleSchema.optional(),
  disabled: z.boolean().optional(),
  unlock: z.literal(true).optional(),
});

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
  disabled: z.boolean(),
  locked: z.boolean(),
  /** Has not chosen their own password yet (invited, or given one by someone else): the admin may resend their link. */
  pendingSetUp: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const NewTeamRequest = z.strictObject({
  name: z.string().trim().min(1).max(limits.nameMax),
  supervisorId: z.uuid(),
  memberIds: z.array(z.uuid()).max(200).default([]),
});

export const Team = z.object({
  id: z.uuid(),
  name: z.string(),
  supervisorId: z.uuid(),
  memberIds: z.array(z.uuid()),
});
export type Team = z.infer<typeof Team>;
