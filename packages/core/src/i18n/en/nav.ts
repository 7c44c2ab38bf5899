/** The main menu of the web app. */
export const nav = {
  label: 'Main menu',
  today: 'Today',
  users: 'Users',
  teams: 'Teams',
  account: 'Account',
} as const;
