// Every namespace of the English catalog; add a file here and in ../es/index.ts.
import { account } from './account.js';
import { activity } from './activity.js';
import { alerts } from './alerts.js';
import { app } from './app.js';
import { backups } from './backups.js';
import { caseloadImport } from './caseloadImport.js';
import { conflicts } from './conflicts.js';
import { crisis } from './crisis.js';
import { directory } from './directory.js';
import { directorySheet } from './directorySheet.js';
import { education } from './education.js';
import { errors } from './errors.js';
import { fhirClients } from './fhirClients.js';
import { fields } from './fields.js';
import { followUp } from './followUp.js';
import { households } from './households.js';
import { intake } from './intake.js';
import { links } from './links.js';
import { listings } from './listings.js';
import { nav } from './nav.js';
import { news } from './news.js';
import { outreach } from './outreach.js';
import { password } from './password.js';
import { people } from './people.js';
import { person } from './person.js';
import { plan } from './plan.js';
import { referrals } from './referrals.js';
import { reports } from './reports.js';
import { roles } from './roles.js';
import { safetyPlan } from './safetyPlan.js';
import { screening } from './screening.js';
import { signin } from './signin.js';
import { sms } from './sms.js';
import { smsAdmin } from './smsAdmin.js';
import { sync } from './sync.js';
import { team } from './team.js';
import { teams } from './teams.js';
import { texts } from './texts.js';
import { today } from './today.js';
import { twoFactor } from './twoFactor.js';
import { users } from './users.js';
import { vocab } from './vocab.js';

export const en = {
  account,
  activity,
  alerts,
  app,
  backups,
  caseloadImport,
  conflicts,
  crisis,
  directory,
  directorySheet,
  education,
  errors,
  fhirClients,
  fields,
  followUp,
  households,
  intake,
  links,
  listings,
  nav,
  news,
  outreach,
  password,
  people,
  person,
  plan,
  referrals,
  reports,
  roles,
  safetyPlan,
  screening,
  signin,
  sms,
  smsAdmin,
  sync,
  team,
  teams,
  texts,
  today,
  twoFactor,
  users,
  vocab,
};
