// Kept free of zod: the web app reads it before anything else loads.

/**
 * Pages anyone may open without signing in, by the first segment of their
 * path: a person's safety plan, a shared topic, a program's help page, an
 * event's questions, a person's private page of services. The server paints
 * no sign-in form on them, and the web app mounts their own screen instead of
 * the signed-in app.
 */
export const publicPages = {
  'safety-plan': 'safety-plan',
  learn: 'education',
  help: 'education',
  e: 'education',
  resources: 'resources',
} as const;
export type PublicPageKind = (typeof publicPages)[keyof typeof publicPages];

/** Which public page a path is, if any: `/help/fresno` → `education`. */
export function publicPageOf(path: string): PublicPageKind | undefined {
  const match = /^\/([a-z-]+)\/[^/]+/.exec(path);
  const first = match?.[1];
  return first && Object.hasOwn(publicPages, first)
    ? publicPages[first as keyof typeof publicPages]
    : undefined;
}

/**
 * Pages about one's own account that work without signing in: choosing a
 * password from an emailed link, and asking for such a link. The server paints
 * no sign-in form on them; the web app mounts their own screen.
 */
export const accountPages = ['/set-password', '/forgot-password'] as const;
export type AccountPage = (typeof accountPages)[number];

/** Which account page a path is, if any: `/set-password` → `/set-password`. */
export function accountPageOf(path: string): AccountPage | undefined {
  return accountPages.find((page) => page === path || `${page}/` === path);
}
