/** The main menu of the web app. */
export const nav = {
  label: 'Main menu',
  today: 'Today',
  people: 'People',
  team: 'Team',
  counts: 'Counts',
  program: 'Program',
  users: 'Users',
  teams: 'Teams',
  account: 'Account',
} as const;
