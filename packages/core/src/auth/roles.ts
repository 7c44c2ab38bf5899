// Kept free of zod so the web app can read the list without bundling zod.

/** The five kinds of people who sign in to Puente. */
export const roles = ['chw', 'supervisor', 'manager', 'admin', 'partner'] as const;
export type Role = (typeof roles)[number];
