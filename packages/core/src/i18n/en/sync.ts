/** Offline work: the PIN that protects data on the phone, and what has and has not synced. */
export const sync = {
  pinSetTitle: 'Protect the data on this phone',
  pinSetIntro:
    'Puente keeps your caseload on this phone so you can work without signal. Choose a PIN of 6 or more digits, or a passphrase of a few words, to lock it. Nobody else can read it without the PIN.',
  pinNew: 'New PIN or passphrase',
  pinRepeat: 'The same PIN again',
  pinSave: 'Save PIN',
  pinSaving: 'Preparing the phone…',
  pinTooShort: 'Use at least 6 characters: digits, or words you will remember.',
  pinTooLong: 'Use at most 128 characters.',
  pinMismatch: 'The two PINs are not the same.',
  pinUnlockTitle: 'Enter your PIN',
  pinUnlockIntro: 'Puente locked itself to protect the people in your caseload.',
  pin: 'PIN or passphrase',
  pinUnlock: 'Unlock',
  pinChecking: 'Checking…',
  pinWrong:
    'That PIN is not right. {left} tries left before the caseload on this phone is erased (changes not sent yet are kept for your password).',
  pinWiped:
    'The PIN was wrong 5 times, so the data on this phone was erased. Sign in again to get your caseload back.',
  pinForgot:
    'Forgot the PIN? Sign in again with your password on this phone to choose a new one. The changes waiting on this phone are kept.',
  signOut: 'Sign out and erase this phone’s data',
  statusLabel: 'Sync',
  synced: 'Everything is saved on the server.',
  pending: '{count} changes are waiting to be sent.',
  pendingOne: '1 change is waiting to be sent.',
  offline: 'No signal. Your work is saved on this phone and will be sent when you are back online.',
  syncing: 'Sending and receiving…',
  lastSync: 'Last synced {when}.',
  neverSynced: 'Not synced yet.',
  syncNow: 'Sync now',
  failed: 'Could not sync: {reason} Your work is safe on this phone; Puente will try again.',
  rejected: '{count} changes were refused by the server. Open them to see why.',
  rejectedOne: '1 change was refused by the server: {reason}',
  discard: 'Discard refused changes',
  sessionEnded: 'Your session ended. Sign in again to send your saved work.',
  pinLockedOut:
    'The PIN was wrong 5 times, so the caseload was erased from this phone. {count} changes that never reached the server are kept, locked: sign in again with your password to send them.',
  pinLockedOutOne:
    'The PIN was wrong 5 times, so the caseload was erased from this phone. 1 change that never reached the server is kept, locked: sign in again with your password to send it.',
  signInAgain: 'Sign in again with my password',
  eraseWarning: '{count} changes on this phone have not reached the server. Erasing loses them for good.',
  eraseWarningOne: '1 change on this phone has not reached the server. Erasing loses it for good.',
  eraseConfirm: 'Erase {count} changes and sign out',
  eraseConfirmOne: 'Erase 1 change and sign out',
  eraseKeep: 'Keep them',
  recoverTitle: 'Choose a new PIN',
  recoverIntro:
    'You signed in again with your password. Choose a new PIN or passphrase for this phone: the changes waiting on it are kept and sent.',
  recoverOpening: 'Opening the data on this phone…',
  recoverFailed: 'The data on this phone could not be opened with this sign-in. {reason}',
  recoverImpossible:
    'This phone’s data was kept before Puente could open it with your password, so only its PIN opens it.',
} as const;
