/** An SQL identifier: a role name as PostgreSQL folds it, nothing to quote. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The SQL that hands the audit table to an owner role of its own, so the
 * application's role can add events and link them (the guard trigger allows
 * only that) but can no longer delete, rewrite, disable the guard or replace
 * its function. Run once, as a superuser, in Puente's database; running it
 * again changes nothing.
 * @example auditRolesSql({ owner: 'puente_audit', app: 'puente' })
 */
export function auditRolesSql(roles: { owner: string; app: string }): string {
  for (const name of [roles.owner, roles.app]) {
    if (!ROLE_NAME.test(name)) throw new Error(`"${name}" is not a plain role name (a-z, 0-9, _)`);
  }
  if (roles.owner === roles.app) throw new Error('The audit owner must be a role other than the app role');
  const { owner, app } = roles;
  return `-- Puente: the audit table belongs to ${owner}; ${app} (the app) may only add and link events.
begin;
do $$ begin
  if not exists (select 1 from pg_roles where rolname = '${owner}') then
    create role ${owner} nologin;
  end if;
end $$;
-- Audit events name their organization.
grant references on organization to ${owner};
-- A new owner must be able to create in the table's schema (a superuser is let through anyway;
-- an operator without one, on a managed service, is not).
grant create on schema public to ${owner};
-- The table's sequence follows it to the new owner.
alter table audit_event owner to ${owner};
-- Whoever owns the guard's function could rewrite it to let anything through.
alter function audit_event_is_append_only() owner to ${owner};
revoke all on audit_event from ${app};
grant select on audit_event to ${app};
-- New events only: their place in the chain and hashes are the linker's.
grant insert (org_id, at, actor_id, actor_role, action, subject_type, subject_id, ip, detail)
  on audit_event to ${app};
-- Linking: the guard trigger refuses any change but filling in an unlinked event's place.
grant update (link, prev_hash, hash) on audit_event to ${app};
grant usage, select on sequence audit_event_seq to ${app};
commit;
`;
}
