/** What each role is called on screen. */
export const roles = {
  chw: 'Community health worker',
  supervisor: 'Supervisor',
  manager: 'Program manager',
  admin: 'Administrator',
  partner: 'Partner organization',
} as const;
