-- Foundation: organizations, people who sign in, teams, sessions, audit trail.
-- Every table that holds program data carries org_id (ready for distribution by org).

create table organization (
  id uuid primary key,
  name text not null,
  default_locale text not null default 'en' check (default_locale in ('en', 'es')),
  created_at timestamptz not null default now()
);

create table app_user (
  id uuid primary key,
  org_id uuid not null references organization (id),
  email text not null,
  display_name text not null,
  role text not null check (role in ('chw', 'supervisor', 'manager', 'admin', 'partner')),
  locale text not null default 'en' check (locale in ('en', 'es')),
  password_hash text not null,
  disabled_at timestamptz,
  failed_sign_ins integer not null default 0,
  next_attempt_at timestamptz,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Email is the sign-in name, so it is unique across organizations.
create unique index app_user_email_key on app_user (lower(email));
create index app_user_org_idx on app_user (org_id, role);

create table team (
  id uuid primary key,
  org_id uuid not null references organization (id),
  name text not null,
  supervisor_id uuid not null references app_user (id),
  created_at timestamptz not null default now()
);
create index team_org_idx on team (org_id);

create table team_member (
  org_id uuid not null references organization (id),
  team_id uuid not null references team (id) on delete cascade,
  user_id uuid not null references app_user (id),
  primary key (team_id, user_id)
);
create index team_member_user_idx on team_member (org_id, user_id);

-- Server-side sessions: the cookie holds a random token, the table only its hash.
create table session (
  token_hash text primary key,
  org_id uuid not null references organization (id),
  user_id uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text
);
create index session_user_idx on session (user_id);
create index session_expiry_idx on session (expires_at);

-- Append-only, hash-chained per organization: each row's hash covers its content
-- and the previous row's hash, so editing or deleting a past row breaks the chain.
create table audit_event (
  org_id uuid not null references organization (id),
  seq bigint not null,
  at timestamptz not null,
  actor_id uuid,
  actor_role text,
  action text not null,
  subject_type text,
  subject_id text,
  ip text,
  detail jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null,
  primary key (org_id, seq)
);
create index audit_event_subject_idx on audit_event (org_id, subject_type, subject_id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_is_append_only();
