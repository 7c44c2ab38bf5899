/** The Today screen: the first page a promotora or supervisor sees. */
export const today = {
  title: 'Today',
  greeting: 'Hello, {name}.',
  emptyTitle: 'Your day will show up here',
  emptyBodyChw:
    'Soon this page will list the people you support, the visits and follow-ups that are due, and news about their referrals.',
  emptyBodySupervisor:
    'Soon this page will list alerts from your team, follow-ups that are late and people who need a check-in.',
  nextTitle: 'What you can do now',
  nextAccount: 'Check that Puente uses your language, and change the password you were given.',
  goToAccount: 'Go to your account',
} as const;
