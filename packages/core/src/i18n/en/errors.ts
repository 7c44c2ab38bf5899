/** Messages the server sends back when it refuses a request. */
export const errors = {
  badRequest: 'The request could not be read.',
  malformedJson: 'The request body is not valid JSON. Check for a missing comma or quote.',
  unsupportedMediaType: 'Send the request body as JSON (Content-Type: application/json).',
  uploadType:
    'Send the file itself as the body, typed text/csv, application/zip, the Excel (.xlsx) type or application/octet-stream; not inside JSON.',
  validation: 'Some fields need attention.',
  tooLarge: 'The request is too large. The limit is {limit}.',
  notFound: 'Nothing was found at this address.',
  methodNotAllowed: 'This address does not accept that kind of request.',
  signInRequired: 'Please sign in to continue.',
  sessionExpired: 'Your session has ended. Please sign in again.',
  forbidden: 'Your role does not allow this.',
  badCredentials: 'The email or password is not right. Check them and try again.',
  tooManyAttempts: 'Too many attempts. Wait {seconds} seconds and try again.',
  accountLocked:
    'This account is locked after too many failed sign-ins. Try again in {minutes} minutes or ask your administrator to unlock it.',
  accountDisabled: 'This account is disabled. Ask your administrator.',
  deviceErased: 'This phone was disabled for Puente, so the data on it was erased.',
  syncBusy:
    'The server is getting other phones’ caseloads ready. Puente will try again in {seconds} seconds; your work is safe on this phone.',
  keyNeedsFreshSignIn: 'Sign in again with your password on this phone to recover its data.',
  deviceNotYours: 'This phone’s copy belongs to another session. Sign in again on this phone.',
  deviceNotFound: 'No such device.',
  wrongCurrentPassword: 'The current password is not right.',
  passwordChangeRequired: 'Your password was set by someone else. Choose your own password to continue.',
  passwordNotNew: 'Choose a new password, not the one you were given.',
  linkInvalid: 'This link has expired or was used already. Ask for a new one.',
  starting: 'Puente is starting. Try again in a moment.',
  secondFactorRequired:
    'Enter a code from your authenticator app, a recovery code, or use your passkey to finish signing in.',
  enrolmentRequired: 'Your role needs two-step sign-in. Set it up to continue.',
  stepUpRequired: 'For this, confirm it is you: enter your password or a code again.',
  wrongCode: 'That code is not right, or was used already. Check the time on your phone and try again.',
  tooManyCodes: 'Too many wrong codes. Wait {minutes} minutes, or sign in with a passkey.',
  passkeyFailed: 'The passkey could not be checked. Try again, or use a code.',
  twoFactorNotStarted: 'Start setting up the authenticator app first.',
  lastFactor: 'Your role needs two-step sign-in: add another way before removing this one.',
  sessionNotFound: 'That session has already ended.',
  emailTaken: 'Someone in Puente already uses this email address.',
  userNotFound: 'That user does not exist in your organization.',
  teamMemberNotFound: 'One of the team members does not exist in your organization.',
  supervisorRoleRequired: 'A team is led by someone with the supervisor role.',
  cannotDisableSelf: 'You cannot disable or demote your own account.',
  crossSite: 'This request came from another site and was refused.',
  clientNotFound: 'That person is not in your caseload, or does not exist.',
  chwNotAssignable: 'That person cannot take this caseload: choose an active CHW on your team.',
  possibleDuplicate: 'This person may already be registered. Check the matches before creating a new record.',
  idTaken: 'A record with this id already exists.',
  conflictOutdated:
    'This detail has changed since the two edits crossed. Open the person’s page to see it now and change it there if needed.',
  mergeSameClient: 'Choose two different records to merge.',
  breakGlassNotNeeded: 'You can already open this record; there is no need to break the glass.',
  handoverNotHeld:
    'Breaking the glass opens a record to read, not to move: the team that holds this person, or an administrator, hands them over or merges their records.',
  handoverAcrossTeams:
    'Moving a person to a CHW on another team is for an administrator: choose a CHW on your team, or ask your administrator.',
  taskOutsideCaseload:
    'This person is not in that CHW’s caseload: hand the person over first, or give the task to someone who works with them.',
  consentNotFound: 'That consent is not on this person’s record.',
  consentAlreadyRevoked: 'This consent was already revoked.',
  noServiceConsent:
    'This person has not consented to be served and to have records kept. Record their consent first.',
  noTextConsent: 'This person has not agreed to be contacted by text.',
  noShareConsent:
    'This person has not agreed to share their information with {partner}. Ask them and record it first.',
  encounterNotFound: 'That contact is not on this person’s record.',
  goalNotFound: 'That goal is not on this person’s care plan.',
  stepNotFound: 'That step is not part of this goal.',
  appointmentNotFound: 'That appointment is not on this person’s record.',
  taskNotFound: 'That task does not exist or is not yours to see.',
  taskClosed: 'This task is already closed. Open it again first.',
  nothingToUndo: 'There is nothing to undo on this task.',
  unknownQuestionnaire: 'This form, or this version of it, is not known here. Update the app and try again.',
  formExists:
    'Your program already has a form with this address and version. Publish the change as a new version.',
  alertNotFound: 'That alert does not exist or is not yours to see.',
  alertAlreadyAcknowledged: 'Someone already acknowledged this alert.',
  onCallNotSupervisor: 'Everyone on the on-call list must be an active supervisor in your organization.',
  safetyPlanNotFound: 'This person has no safety plan yet. Save one first.',
  shareExpiry: 'Choose a last day from today up to {days} days from today.',
  linkNotFound: 'This link does not work. Ask the person who shared it for a new one.',
  linkExpired: 'This link has expired. Ask the person who shared it for a new one.',
  privateLinkNotFound: 'That link is not among the links sent to this person.',
  linkAlreadyRevoked: 'This link was already revoked. It no longer opens.',
  linkAlreadyExpired: 'This link has already expired. It no longer opens, so there is nothing to revoke.',
  resourceNotInDirectory:
    'The service “{id}” is no longer in the directory. Search again and choose it from the results.',
  serviceNotFound: 'That service is not in your directory.',
  flagNotFound: 'That flag is not in your directory’s review queue.',
  unknownPostcode:
    'No place in your directory has the postcode {postcode}. Check it, or search near a point instead.',
  directoryNotPublic: 'This directory is not public. Sign in to see it.',
  importNotZip: 'This file could not be read as an HSDS directory: it is not a .zip file.',
  importNotJson: 'This file could not be read as an HSDS directory: it is not JSON saved as UTF-8 text.',
  pageOutOfRange: 'Pages start at 1 and hold at most {max} entries.',
  slugTaken: 'Another organization already uses this public address. Choose another.',
  synonymNoWords:
    'Write a word search can use: “de”, “the” and other small words are left out, and nothing else is left here.',
  synonymExists: 'Your program already has a meaning for “{term}”. Remove it first to give it another.',
  synonymsFull: 'Your program has {max} synonyms, the most it can have. Remove one you no longer need.',
  synonymNotFound: 'That synonym is not among your program’s.',
  // Community education and outreach events.
  topicNotFound: 'That topic is not in your program’s library.',
  topicIdMismatch: 'A topic’s address is its subject and language: save this one as {id}.',
  topicChanged: 'Someone saved this topic while you were editing. Copy your text, reload, and save again.',
  helpPageNotFound: 'This program has no public help page at this address.',
  eventNotFound: 'That event does not exist in your organization.',
  eventHeldInFuture: 'An event cannot be marked as held before its date. Change the date or the status.',
  facilitatorNotFound: 'Each facilitator must be an active member of your organization.',
  checkNotAllowed:
    'Choose the talk check or one of your program’s forms with only choice or number questions: attendees are never asked for anything personal.',
  noCheck: 'This event has no before-and-after questions.',
  checkClosed: 'These questions are not open right now. Ask the facilitator.',
  unknownSessionCode:
    'We could not find that code. Check it on your other phone, or answer without it: your answers are still counted.',
  alreadyAnswered: 'These questions were already answered with this code.',
  answerAll: 'Please answer every question.',
  tooManyAnswers: 'Too many answers came from this network. Wait {seconds} seconds and try again.',
  reportRangeBackwards:
    'The report ends ({to}) before it starts ({from}). Choose a last day on or after the first.',
  reportRangeTooLong: 'A report covers at most {years} years. Choose a shorter range.',
  reportTeamOutOfScope: 'That team is not one whose figures you may see.',
  activityTeamNotFound: 'That team is not in your program: choose one from the list.',
  reportChwOutOfScope: 'That promotora is not one whose figures you may see.',
  fhirClientNotFound: 'That API client does not exist in your organization.',
  // Referrals.
  screeningNotFound: 'That screening is not on this person’s record.',
  referralNotFound: 'That referral does not exist or is not yours to see.',
  referralServiceNotFound:
    'That service is not in your program’s directory. Search again and pick it from the results.',
  referralStatusNotAllowed:
    'A referral cannot move that way from where it stands now. Reload it to see what can be done.',
  referralNotYourMove:
    'Only the organization that received the referral answers this way. You can cancel it or say it was made in error.',
  referralReasonRequired: 'Say why, in a few words, so the other side understands.',
  referralOutcomeRequired: 'Choose how it ended: for example, not eligible or could not get help.',
  referralCompletedIsGotHelp:
    'Completed means the person got help. For any other ending, choose “did not work out”.',
  referralTooFewAttempts:
    'Try to reach the person {required} times before closing as unreachable (tried {attempts} so far).',
  referralClosed: 'This referral is closed.',
  partnerNotLinked: 'Your partner account is not linked to any service yet. Ask the program’s administrator.',
  partnerRoleRequired: 'Only a partner account can be linked to services.',
  partnerOrganizationNotFound: 'That organization is not in your program’s directory.',
  partnerServiceNotFound:
    'One of those services is not in your program’s directory. Reload the list and choose again.',
  internal: 'Something went wrong on our side. Nothing was changed. Please try again.',
  // A server paused while `puente move-to-postgres` copies the program, and after it until stopped.
  moving: 'Puente is moving to a new database. Try again in a few minutes.',
  metricsTokenRequired: 'Send the metrics token as a bearer token (Authorization: Bearer …).',
  // Backups (the admin screen's "back up now").
  backupNoFolder:
    'No backup folder is set. Whoever runs the Puente server sets PUENTE_BACKUP_DIR, then restarts it.',
  backupNoKey:
    'There is no backup key, and backups are always encrypted. Whoever runs the Puente server makes one with “puente backup-key” and keeps a copy apart from the backups.',
  backupRunning: 'A backup is being made right now. Wait for it to finish, then look at the list again.',
  backupFailed:
    'The backup could not be made. Nothing was changed. Whoever runs the Puente server can find why in its log.',
  backupFailedNoSpace:
    'The backup could not be made: the disk is full. Nothing was changed. Free some space in the backup folder, or choose another.',
  backupFailedNoAccess:
    'The backup could not be made: Puente may not write in the backup folder. Nothing was changed. Whoever runs the server should check the folder’s owner and permissions.',
  notMigrated: 'Puente is not ready: the database has not been migrated to this version yet.',
  databaseUnreachable: 'Puente is not ready: the database does not answer.',
  // The primary database stopped and its standby is taking over (db/hosts.ts).
  databaseSwitching:
    'The database is switching to its standby. Nothing was saved. Try again in a few seconds.',
  changeNotConfirmed:
    'The database stopped while saving this change, so Puente cannot tell whether it was kept. In a few seconds, look whether it is there before you enter it again.',
  outboxStuck:
    'Puente is not ready: emails have waited in the outbox for {minutes} minutes without being sent.',
  // Text messages (SMS).
  textsOff:
    'Text messages are not set up for this program. Whoever runs the Puente server sets TEXT_PROVIDER.',
  textNoSender: 'The program has no number to send texts from. An administrator sets it under Text messages.',
  textBadNumber:
    'This person’s phone number cannot receive texts as written. Write it with the country code, such as +1 555 201 3344.',
  textNoPhone: 'This person has no phone number to text.',
  textOptedOut: 'This person replied STOP: no texts are sent until they reply START.',
  textNotSafe: 'This person’s phone is marked not safe to contact, so no texts are sent.',
  referralDoNotContact: 'The referral says not to contact the person about it, so no reminder of it is sent.',
  appointmentReferralOther: 'That referral is not this person’s. Choose one of their own referrals.',
  textTooLong: 'This message takes {segments} text messages; the most is {max}. Shorten it.',
  textUnknownPlaceholder: 'The template uses {names}, which Puente cannot fill. Use only {known}.',
  textTemplateNotFound: 'That template does not exist. Reload the list and choose again.',
  textTemplateLanguage: 'That template is written in another language than the person’s.',
  textSignatureInvalid: 'This request is not signed by the program’s text-message provider.',
  textWebhookMalformed: 'The provider’s request could not be read.',
  inboxTextNotFound: 'That text is no longer in the inbox: someone placed it already. Reload the inbox.',
  sheetTooLarge:
    'This file is larger than {limit}. Split the sheet into smaller files and bring each one in.',
  sheetTooManyRows:
    'This sheet has more than {limit} people. Split it into smaller files and bring each one in.',
  sheetNotSpreadsheet:
    'This file is not a spreadsheet Puente can read. Save it as CSV (UTF-8) or Excel (.xlsx) and choose it again.',
  sheetNotUtf8:
    'This CSV file is not saved as UTF-8, so accents would be lost. Save it as “CSV UTF-8” and choose it again.',
  sheetNul:
    'This file holds hidden NUL characters, which a spreadsheet does not. Export it again as CSV or .xlsx.',
  sheetEmpty: 'This file is empty. Choose the sheet with your caseload.',
  sheetNoHeader:
    'The first row must name the columns (such as Name, Phone, CHW), and the people start on the second row.',
  sheetNoPeople: 'This sheet has a header row but nobody under it.',
  sheetMappingNoName: 'Choose which column holds each person’s name.',
  sheetMappingColumn: 'The mapping names a column the sheet does not have. Choose the columns again.',
  sheetImportNotFound: 'That import does not exist in your program.',
  directorySheetEmpty: 'This file is empty. Choose the sheet with your services, or the .zip of HSDS files.',
  directorySheetNoServices: 'This sheet has a header row but no services under it.',
  directorySheetNoName:
    'Puente could not find the Name column. Download the template and keep its first row as it is.',
  directoryZipUnreadable:
    'This .zip could not be opened, or it holds no HSDS files (services.csv and the others, with datapackage.json).',
  directoryImportNotFound: 'That directory import does not exist in your program.',
  serviceFormInvalid: 'Some fields need attention before the service can be saved.',
  serviceAlreadyListed:
    'A service with this name at this address is already in the directory. Edit that one instead.',
  logoNotAPicture: 'The file is not the kind of picture it says it is. Send a PNG, JPEG or WebP picture.',
  logoTooLarge: 'The logo is too large. The limit is 200 KB.',
  logoNotFound: 'Your program has no logo.',
  proposalNoChanges: 'Nothing was changed: change at least one field before sending.',
  proposalNotValid:
    'The listing with this change does not pass the service form’s checks: fix the fields named.',
  proposalNotFound: 'That proposed change does not exist in your program.',
  proposalsWaiting:
    'You already have {count} changes waiting for the program. Wait for its answer before proposing more.',
  proposalDecided: 'That proposed change was already approved or declined.',
} as const;
