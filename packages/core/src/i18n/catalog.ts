import { account as enAccount } from './en/account.js';
import { app as enApp } from './en/app.js';
import { errors as enErrors } from './en/errors.js';
import { nav as enNav } from './en/nav.js';
import { roles as enRoles } from './en/roles.js';
import { signin as enSignin } from './en/signin.js';
import { teams as enTeams } from './en/teams.js';
import { today as enToday } from './en/today.js';
import { users as enUsers } from './en/users.js';
import { account as esAccount } from './es/account.js';
import { app as esApp } from './es/app.js';
import { errors as esErrors } from './es/errors.js';
import { nav as esNav } from './es/nav.js';
import { roles as esRoles } from './es/roles.js';
import { signin as esSignin } from './es/signin.js';
import { teams as esTeams } from './es/teams.js';
import { today as esToday } from './es/today.js';
import { users as esUsers } from './es/users.js';
import type { Locale } from './locales.js';

// Each namespace is one file per language; Spanish files are typed against the
// English ones, so a missing Spanish message fails the build.
const en = {
  account: enAccount,
  app: enApp,
  errors: enErrors,
  nav: enNav,
  roles: enRoles,
  signin: enSignin,
  teams: enTeams,
  today: enToday,
  users: enUsers,
};
type Catalog = { [N in keyof typeof en]: Record<keyof (typeof en)[N], string> };
const es: Catalog = {
  account: esAccount,
  app: esApp,
  errors: esErrors,
  nav: esNav,
  roles: esRoles,
  signin: esSignin,
  teams: esTeams,
  today: esToday,
  users: esUsers,
};

export const catalogs: Record<Locale, Catalog> = { en, es };

export type Namespace = keyof Catalog;
export type MessageKey = { [N in Namespace]: `${N}.${keyof Catalog[N] & string}` }[Namespace];
export type MessageParams = Record<string, string | number>;

/**
 * Looks up a message and fills its `{placeholders}`.
 * @example t('es', 'errors.tooManyAttempts', { seconds: 4 })
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const [ns, name] = key.split('.') as [Namespace, string];
  const table = catalogs[locale][ns] as Record<string, string>;
  const message = table[name] ?? (catalogs.en[ns] as Record<string, string>)[name] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, p: string) => (p in params ? String(params[p]) : whole));
}

/** A translator bound to one language, for screens and responses. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => t(locale, key, params);
}
