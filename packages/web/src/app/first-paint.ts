import { isLocale, type Locale } from '@puente/core';

/**
 * What the sign-in form painted into the page by the server held when the
 * app's script arrived: the language it was in, what was typed, where the
 * cursor was and any refusal it showed. The app's own sign-in screen starts
 * from it, so nobody loses what they typed on a slow connection.
 */
export interface FirstPaint {
  locale: Locale;
  email: string;
  password: string;
  focused: 'email' | 'password' | undefined;
  /** The refusal the page showed after a sign-in without script: its code and words. */
  refusal: { code: string; title: string } | undefined;
}

let taken: FirstPaint | undefined;

/** The language of the sign-in form the server painted into the page, if it painted one. */
export function paintedLocale(root: HTMLElement): Locale | undefined {
  if (!root.querySelector('#first-paint')) return undefined;
  const lang = document.documentElement.lang;
  return isLocale(lang) ? lang : 'en';
}

/** Reads and removes the painted form, if the page has one; call once, before the app renders. */
export function takeFirstPaint(root: HTMLElement): FirstPaint | undefined {
  const painted = root.querySelector<HTMLElement>('#first-paint');
  const locale = paintedLocale(root);
  if (!painted || !locale) return undefined;
  const value = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  const active = document.activeElement?.id;
  const code = painted.dataset.refusal ?? '';
  const title = painted.querySelector('.alert-title')?.textContent ?? '';
  taken = {
    locale,
    email: value('email'),
    password: value('password'),
    focused: active === 'email' || active === 'password' ? active : undefined,
    refusal: code && title ? { code, title } : undefined,
  };
  // The page fetched the app's stylesheet without waiting for it; now the app needs it.
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="style"]')) {
    link.rel = 'stylesheet';
  }
  document.getElementById('first-paint-style')?.remove();
  root.replaceChildren();
  // The refusal was for that one attempt: a reload should not show it again.
  if (location.search) history.replaceState(history.state, '', location.pathname);
  return taken;
}

/** The painted form's state, once taken (undefined when the page had none). */
export function firstPaint(): FirstPaint | undefined {
  return taken;
}
