import type { Actor } from '../../http/env.js';
import { Bound, bind, Sql, sql } from './sql.js';

/**
 * Whose scope is asked, as values or fragments: a value becomes a parameter,
 * a fragment (a column such as `u.id`) lets a list ask it row by row.
 */
export interface ScopeSubject {
  org: unknown;
  user: unknown;
  role: unknown;
}

/**
 * Which clients a user may see, as a SQL condition on alias `c`. A CHW sees the
 * people assigned to them (or whom they back up); a supervisor also sees their
 * teams' caseloads; with `breakGlass` (the default), anyone sees a record they
 * broke the glass for, until it expires. Managers, admins and partners see no
 * one by name. Without `breakGlass` it is whom the caller holds: moving or
 * merging a person needs that (decide(): 'transfer'), since a standing
 * break-the-glass grant opens a record to read, never to move it.
 * The subqueries' aliases (stm, st, sb) leave the caller's own free.
 *
 * Every branch is `column = value` or `column = any(array(subquery))`, never `in (subquery)` or
 * `exists`: for one caller the arrays are worked out once, and PostgreSQL then reads the client
 * indexes for each branch (caseload, backup, team, break-the-glass). An `exists` branch made it
 * read the whole program's clients instead: the caseload page took 50 ms at 15,000 clients, for
 * a CHW with 100 (0.3 ms this way).
 *
 * @example sql`select c.id from client c where ${clientScope(actor)} and c.neighborhood = ${place}`
 * @example clientScope({ org: orgId, user: sql`u.id`, role: sql`u.role` }) // per row of app_user u
 */
export function clientScope(who: Actor | ScopeSubject, { breakGlass = true } = {}): Sql {
  const subject = 'orgId' in who ? { org: who.orgId, user: who.userId, role: who.role } : who;
  const org = once(subject.org);
  const user = once(subject.user);
  const role = once(subject.role);
  const glass = breakGlass
    ? sql`
  or c.id = any(array(select sb.client_id from break_glass sb
                       where sb.org_id = ${org} and sb.user_id = ${user} and sb.expires_at > now()))`
    : sql``;
  return sql`(c.org_id = ${org} and c.merged_into is null and (
  c.assigned_chw_id = ${user} or c.backup_chw_id = ${user}
  or (${role} = 'supervisor' and c.assigned_chw_id = any(array(
        select stm.user_id from team_member stm join team st on st.id = stm.team_id
         where st.org_id = ${org} and st.supervisor_id = ${user})))${glass}))`;
}

/** A value named several times keeps one number; a fragment is inlined each time. */
const once = (value: unknown): unknown =>
  value instanceof Sql || value instanceof Bound ? value : bind(value);
