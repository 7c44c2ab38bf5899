import { z } from 'zod';

/** The five kinds of people who sign in to Puente. */
export const roles = ['chw', 'supervisor', 'manager', 'admin', 'partner'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;
