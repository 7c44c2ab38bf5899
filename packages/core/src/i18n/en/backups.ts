/** The admin screen of backups: where they go, whether they are recent, "back up now", and how to restore. */
export const backups = {
  nav: 'Backups',
  title: 'Backups',
  intro:
    'Puente writes the whole database, encrypted with a key kept outside it, into one file. These are the backups on the server. Restoring one is done on the server, with a command.',
  // Warnings at the top, and on the admin's home page.
  warnTitle: 'Backups need attention',
  warnNotSetUp:
    'No backup folder is set, so Puente makes no scheduled backups. Whoever runs the server sets PUENTE_BACKUP_DIR and makes a key with “puente backup-key”.',
  warnNoKey:
    'There is no backup key, so no backup can be made. Whoever runs the server makes one with “puente backup-key” and keeps a copy apart from the backups.',
  warnBadKey:
    'The backup key file cannot be used (others can read it, or it does not hold a key). Whoever runs the server should check {file}.',
  warnFolderUnreadable:
    'Puente cannot read the backup folder {folder}. Whoever runs the server should check its permissions.',
  warnFailed: 'The last backup failed ({date}): {reason}',
  warnOld: 'The newest backup is more than a day old: it was made {date}.',
  warnNone: 'There is no backup yet.',
  warnGo: 'Open Backups',
  reason_noSpace: 'the disk is full.',
  reason_noAccess: 'Puente may not write in the backup folder.',
  reason_database: 'the database could not be read. The server’s log says more.',
  reason_unknown: 'something went wrong. The server’s log says more.',
  // Status.
  statusTitle: 'Status',
  folder: 'Backup folder',
  folderNotSet: 'Not set (PUENTE_BACKUP_DIR)',
  key: 'Encryption key',
  key_environment: 'Set (PUENTE_BACKUP_KEY)',
  key_file: 'Set, in the key file {file}',
  key_missing: 'Missing: there is no key file at {file}',
  key_unusable: 'Cannot be used: {file}',
  schedule: 'Schedule',
  scheduleOff: 'No scheduled backups',
  scheduleEvery: '{every}, keeping the newest {keep}',
  everyHour: 'Every hour',
  everyDay: 'Every day',
  everyWeek: 'Every week',
  everyMinutes: 'Every {n} minutes',
  everyHours: 'Every {n} hours',
  everyDays: 'Every {n} days',
  newest: 'Newest backup',
  newestNone: 'None yet',
  newestAt: '{date}, {size}',
  next: 'Next scheduled backup',
  nextNone: 'None scheduled',
  lastFailure: 'Last failure',
  // Back up now.
  nowTitle: 'Back up now',
  nowBody:
    'Makes a backup into the backup folder at once, as the schedule does. It can take a minute for a large program; on the embedded database, other work waits while it reads.',
  nowButton: 'Back up now',
  nowBusy: 'Backing up…',
  nowDone: 'Backup made: {name} ({size}).',
  nowRunning: 'A backup is being made now.',
  // The files.
  filesTitle: 'Backup files',
  filesCount: '{count} in the folder; the schedule keeps the newest {keep}.',
  emptyTitle: 'No backups yet',
  emptyBody: 'The first one appears here when the schedule makes it, or when you back up now.',
  fileMeta: '{date} · {size}',
  // Restoring.
  restoreTitle: 'Restoring a backup',
  restoreBody:
    'Restoring replaces everything in the database with what the backup holds; what was written after it is lost. It is done on the server, not here:',
  restoreStop: 'Stop Puente (every server, if there are several).',
  restoreRun:
    'On the server, as the account that runs Puente and with the same settings, run this command. It restores the newest backup; for another, change the file name.',
  restoreStart: 'Start Puente again. The restore checks the file first and changes nothing if it refuses.',
  restoreNote: '“puente” is “./puente” in a release folder, or “node packages/server/dist/cli.js”.',
  restoreNone: 'There is no backup to restore yet.',
  restoreCommand: 'Command to restore the newest backup',
  copy: 'Copy the command',
  copied: 'The command is copied.',
  copyFailed: 'This browser could not copy it. Select the command and copy it by hand.',
} as const;
