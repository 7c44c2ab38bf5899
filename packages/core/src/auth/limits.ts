// Kept free of zod so the web app can read the limits without bundling zod.

/** Shared limits: the web form and the server refuse the same things. */
export const limits = {
  passwordMin: 10,
  passwordMax: 200,
  nameMax: 120,
  emailMax: 254,
} as const;
