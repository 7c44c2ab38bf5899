/** Choosing one's own password: from an emailed link, after forgetting it, or when someone else set it. */
export const password = {
  setTitle: 'Choose your password',
  setIntro: 'Choose a password only you know. You will sign in with your email and this password.',
  newPassword: 'New password',
  newPasswordHint: 'At least {min} characters. A few words you can remember work well.',
  confirmPassword: 'New password again',
  passwordsDiffer: 'The two passwords are not the same. Type the new one again in both fields.',
  save: 'Save my password',
  saving: 'Saving…',
  setDone: 'Your password is saved. Sign in with your email and your new password.',
  signIn: 'Go to sign in',
  linkMissingTitle: 'This link is not complete',
  linkMissingBody: 'Open the link in your email again. If you copied it, copy all of it, including the end.',
  linkInvalidTitle: 'This link no longer works',
  linkInvalidBody:
    'A link works once, for a limited time. Ask your program’s administrator to send you a new link, or get one yourself with “Forgot your password?”.',
  forgotTitle: 'Forgot your password?',
  forgotIntro:
    'Enter the email you sign in with. We will email you a link to choose a new password. The link works for 1 hour.',
  email: 'Email',
  send: 'Email me a link',
  sending: 'Sending…',
  forgotSent:
    'If that email has an account, we sent a link to it. Check your inbox and your spam folder. The link works for 1 hour.',
  backToSignIn: 'Back to sign in',
  mustTitle: 'Choose your own password',
  mustIntro: 'Your password was set by someone else. Choose one only you know before you continue.',
  currentPassword: 'Password you were given',
  mustSave: 'Save and continue',
  signOut: 'Sign out',
} as const;
