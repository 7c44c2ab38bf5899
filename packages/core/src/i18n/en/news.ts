/** News while online: a change that concerns the CHW, told by the server and read from the phone's copy. */
export const news = {
  label: 'News',
  referral: 'Referral update: {name} — {status}',
  referralOpen: 'Open {name}',
  alertAcknowledged: 'An alert about one of your people was answered.',
  joined: '{name} is now in your caseload.',
  left: 'Someone was moved out of your caseload.',
  message: 'New text from {name}',
  intakeCancelled: 'A clinic cancelled a referral it sent you. See Referrals from clinics.',
  dismiss: 'Dismiss',
  dismissNamed: 'Dismiss the news about {name}',
};
