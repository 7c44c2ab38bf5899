import { isLocale, PuenteError, SignInRequest } from '@puente/core';
import { safeNext } from '../../http/first-paint.js';
import { bodyLimitByLength } from '../../http/node-fast-path.js';
import type { Router } from '../../http/openapi.js';
import { fromOwnPage } from '../../http/security.js';
import { signIn } from './service.js';
import { setSessionCookie } from './session-cookie.js';

/**
 * Sign-in from the form painted into the page (see http/first-paint.ts), for a
 * phone whose scripts have not arrived yet: the same checks as the API's
 * sign-in, answered with a redirect — home (or the page asked for) when it
 * worked, back to the form with the refusal's code when it did not. Only a
 * form on Puente's own page may post here (see `fromOwnPage` in http/security.ts).
 */
export function mountFormSignIn(app: Router): void {
  app.post(
    '/signin',
    bodyLimitByLength({ maxSize: 8 * 1024, onError: (c) => c.text('Too large', 413) }),
    async (c) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
      const lang = isLocale(text('lang')) ? text('lang') : c.get('scope').locale;
      const next = safeNext(text('next'));
      const back = (code: string, count?: number) => {
        const query = new URLSearchParams({ lang: lang ?? 'en', signin: code });
        if (count !== undefined) query.set('n', String(count));
        if (next !== '/') query.set('next', next);
        return c.redirect(`/?${query}`, 303);
      };
      if (!fromOwnPage(c)) return back('crossSite');
      const request = SignInRequest.safeParse({ email: text('email'), password: text('password') });
      if (!request.success) return back('validation');
      try {
        const { db, ip } = c.get('scope');
        const { token } = await signIn(db, c.get('config'), request.data, ip, c.req.header('user-agent'));
        setSessionCookie(c, token);
        return c.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof PuenteError)) throw error;
        const count = error.params.seconds ?? error.params.minutes;
        return back(error.code, typeof count === 'number' ? count : undefined);
      }
    },
  );
}
