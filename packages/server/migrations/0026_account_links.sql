-- Invitations, password resets and passwords set by someone else (issue 15).

-- A password someone else chose (the first admin's, an operator's one-time
-- password, an admin's for a test user) must be changed at the next sign-in:
-- until then the session may only change it.
alter table app_user add column must_change_password boolean not null default false;

-- Single-use links to set one's own password: 'invite' (a new account) or
-- 'reset' (forgot password, or an operator's reset). Only the token's SHA-256
-- is kept; a link works once, until it expires, and a newer link for the same
-- person replaces the older ones.
create table account_link (
  token_hash text primary key,
  org_id uuid not null references organization (id),
  user_id uuid not null references app_user (id),
  purpose text not null check (purpose in ('invite', 'reset')),
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_link_user_idx on account_link (user_id, created_at);
