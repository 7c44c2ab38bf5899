/** The sign-in screen. */
export const signin = {
  title: 'Sign in',
  intro: 'Use the email and password your program gave you.',
  email: 'Email',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  forgot: 'Forgot your password?',
} as const;
