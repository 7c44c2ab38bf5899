// Kept free of zod so the web app can read the list without bundling zod.

/** The five kinds of people who sign in to Puente. */
export const roles = ['chw', 'supervisor', 'manager', 'admin', 'partner'] as const;
export type Role = (typeof roles)[number];

/** The program's own people; a partner signs in for another organization and is a different kind of policy actor. */
export type StaffRole = Exclude<Role, 'partner'>;

/** Whether a role is the program's own staff, so `decide` may take it as a user. */
export const isStaff = (role: Role): role is StaffRole => role !== 'partner';
