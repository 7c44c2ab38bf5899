// Every namespace of the English catalog; add a file here and in ../es/index.ts.
import { account } from './account.js';
import { app } from './app.js';
import { errors } from './errors.js';
import { fields } from './fields.js';
import { nav } from './nav.js';
import { roles } from './roles.js';
import { signin } from './signin.js';
import { teams } from './teams.js';
import { today } from './today.js';
import { users } from './users.js';

export const en = {
  account,
  app,
  errors,
  fields,
  nav,
  roles,
  signin,
  teams,
  today,
  users,
};
