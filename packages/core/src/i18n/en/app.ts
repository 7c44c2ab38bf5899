/** Words of the web app shell. Feature screens add their own namespace. */
export const app = {
  name: 'Puente',
  tagline: 'Field tools for community health workers',
  loading: 'Loading…',
  skipToContent: 'Skip to main content',
  language: 'Language',
  english: 'English',
  spanish: 'Español',
  signedInAs: 'Signed in as {name}, {role}',
  networkError: 'Puente could not reach the server. Check your connection and try again.',
  unexpectedError: 'Something went wrong. Nothing was changed. Please try again.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is nothing at this address. Use the menu to find your way.',
  forbiddenTitle: 'Not available for your role',
  goHome: 'Go to the start page',
} as const;
