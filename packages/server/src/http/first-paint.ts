import { createHash } from 'node:crypto';
import { isLocale, type Locale, limits, type MessageKey, type MessageParams, t } from '@puente/core';

/**
 * The sign-in form inside the page itself, so a phone on a slow connection can
 * sign in before any script or stylesheet arrives (each costs another round
 * trip): a plain HTML form posting to /signin. The web app takes it over when
 * its script loads, keeping whatever was typed. Its look comes from a few
 * inline rules, allowed by their hash in the page's content security policy.
 */
// Scoped to the painted form, so nothing here touches the app once it takes over.
const css = [
  ':root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5;color:#1c2a2e;background:#f5f7f6}',
  '*{box-sizing:border-box}body{margin:0}',
  '#first-paint .signin-header,#first-paint .signin-main{max-width:28rem;margin:0 auto;padding:1rem}',
  '#first-paint .signin-header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding-bottom:0}',
  '#first-paint .brand{color:#1d5c63;font-size:1.5rem;font-weight:700;margin:0}',
  '#first-paint h1{font-size:1.6rem;line-height:1.25;margin:0 0 .5rem}#first-paint p{margin:0 0 .75rem}',
  '#first-paint .lead{font-size:1.1rem}#first-paint .hint{color:#4a5a5f;font-size:.925rem}',
  '#first-paint .field{margin:0 0 1rem}#first-paint label{display:block;font-weight:600;margin-bottom:.25rem}',
  '#first-paint input{width:100%;min-height:44px;padding:.5rem .75rem;font:inherit;border:1px solid #6b7b80;border-radius:8px;background:#fff}',
  '#first-paint button,#first-paint .language-switch a{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:.5rem 1.125rem;font:inherit;font-weight:600;border:2px solid #1d5c63;border-radius:8px;color:#14454a;background:#fff;text-decoration:none}',
  '#first-paint button{width:100%;color:#fff;background:#1d5c63}#first-paint .language-switch{display:flex;gap:.5rem}',
  '#first-paint .alert{border-left:4px solid #a4262c;background:#fbeceb;padding:.75rem 1rem;margin:0 0 1rem}#first-paint .alert--empty{display:none}',
].join('');

export const firstPaintStyle = `<style id="first-paint-style">${css}</style>`;
/** The CSP source that allows exactly the inline rules above. */
export const firstPaintStyleSource = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** What a refused sign-in says on the page, from the codes /signin sends back. */
const refusals: Record<string, MessageKey> = {
  badCredentials: 'errors.badCredentials',
  accountLocked: 'errors.accountLocked',
  tooManyAttempts: 'errors.tooManyAttempts',
  accountDisabled: 'errors.accountDisabled',
  validation: 'errors.validation',
  crossSite: 'errors.crossSite',
};

export function isRefusalCode(code: string): boolean {
  return Object.hasOwn(refusals, code);
}

export interface FirstPaintOptions {
  /** A refusal code from a sign-in without script, and its one number (seconds, minutes). */
  refusal?: string | undefined;
  count?: number | undefined;
  /** Where to go after signing in: the page that was asked for. */
  next: string;
}

/** The sign-in screen as HTML, in `locale`, with the markup the web app's own sign-in screen uses. */
export function firstPaintHtml(locale: Locale, options: FirstPaintOptions): string {
  const say = (key: MessageKey, params?: MessageParams) => escapeHtml(t(locale, key, params));
  const key = options.refusal ? refusals[options.refusal] : undefined;
  const n = options.count ?? 0;
  const alert = key ? `<p class="alert-title">${say(key, { seconds: n, minutes: n, limit: '' })}</p>` : '';
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const switchTo = `/?lang=${other}${options.next === '/' ? '' : `&next=${encodeURIComponent(options.next)}`}`;
  return `<div class="signin" id="first-paint" data-refusal="${escapeHtml(options.refusal ?? '')}">
<header class="signin-header"><p class="brand">${say('app.name')}</p>
<nav class="language-switch" aria-label="${say('app.language')}"><a href="${escapeHtml(switchTo)}" lang="${other}" hreflang="${other}">${say(other === 'en' ? 'app.english' : 'app.spanish')}</a></nav></header>
<main id="main" class="signin-main">
<h1 id="page-heading" tabindex="-1">${say('signin.title')}</h1>
<p class="lead">${say('signin.intro')}</p>
<div role="alert" class="${key ? 'alert' : 'alert alert--empty'}">${alert}</div>
<form method="post" action="/signin">
<input type="hidden" name="lang" value="${locale}"><input type="hidden" name="next" value="${escapeHtml(options.next)}">
<div class="field"><label for="email">${say('signin.email')}</label><input id="email" name="email" type="email" autocomplete="username" inputmode="email" autocapitalize="none" spellcheck="false" required maxlength="${limits.emailMax}"></div>
<div class="field"><label for="password">${say('signin.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="${limits.passwordMax}"></div>
<button type="submit" class="primary">${say('signin.submit')}</button>
</form>
<p class="hint"><a href="/forgot-password">${say('signin.forgot')}</a></p>
</main></div>`;
}

/** The language of a page: asked in the address, else chosen on this device (cookie), else the browser's. */
export function pageLocale(
  query: string | undefined,
  cookie: string | undefined,
  negotiated: Locale,
): Locale {
  if (isLocale(query)) return query;
  if (isLocale(cookie)) return cookie;
  return negotiated;
}

const base = 'http://puente.invalid';
const unsafeInLocation = (ch: string) => ch === '\\' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f;

/**
 * A path inside Puente to go back to after signing in; anything else goes home.
 * Browsers drop tabs and newlines from a Location and read `\\` as `/`, so
 * `/\t/evil.example` would leave the site: any control character or backslash
 * is refused outright, and what is left must parse as a URL on this origin
 * whose path does not itself start with `//`.
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.length > 500 || [...next].some(unsafeInLocation)) return '/';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== base || path.startsWith('//')) return '/';
  return path;
}
