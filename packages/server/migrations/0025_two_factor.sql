-- Two-factor sign-in, step-up checks and the sessions screen (issue 15).

-- Who must use a second factor: 'staff' (admins, managers, supervisors; the
-- floor for a real program), 'everyone', or 'none' (only the demo organization,
-- whose passwords are published anyway; the API cannot choose it).
alter table organization add column two_factor text not null default 'staff'
  check (two_factor in ('none', 'staff', 'everyone'));

-- A session is 'full', or limited to finishing sign-in: 'second-factor' (the
-- password was right, a code or passkey is still due) or 'enrol' (a person who
-- must use two-factor has none yet). `verified_at` is the last time this
-- session proved who holds it (sign-in or a step-up check); `id` names it on
-- the sessions screen without handing out its token hash.
alter table session add column id uuid not null default gen_random_uuid();
alter table session add column stage text not null default 'full'
  check (stage in ('full', 'second-factor', 'enrol'));
alter table session add column verified_at timestamptz;
alter table session add column user_agent text;
create unique index session_id_key on session (id);

-- One row per person who started TOTP enrolment. The secret is sealed with
-- AES-256-GCM under a key kept outside the database; `last_step` refuses a
-- code used once already. Code guesses are counted by the shared limiter
-- (auth_limit, features/auth/limits.ts).
create table user_two_factor (
  user_id uuid primary key references app_user (id),
  org_id uuid not null references organization (id),
  totp_secret text,
  totp_confirmed_at timestamptz,
  totp_last_step bigint,
  updated_at timestamptz not null default now()
);

-- Ten one-time codes, shown once; only their SHA-256 is kept (they are random, 60 bits each).
create table user_recovery_code (
  user_id uuid not null references app_user (id),
  org_id uuid not null references organization (id),
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- Passkeys (WebAuthn). The public key is not a secret; the counter catches cloned authenticators.
create table user_passkey (
  id text primary key,
  user_id uuid not null references app_user (id),
  org_id uuid not null references organization (id),
  public_key text not null,
  counter bigint not null default 0,
  transports text[] not null default '{}',
  name text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index user_passkey_user_idx on user_passkey (user_id);

-- A WebAuthn challenge waits here between the options and the answer, so any
-- server process can check it; each is used once and lives two minutes.
create table webauthn_challenge (
  challenge text primary key,
  purpose text not null check (purpose in ('register', 'authenticate')),
  user_id uuid references app_user (id),
  expires_at timestamptz not null
);
create index webauthn_challenge_expiry_idx on webauthn_challenge (expires_at);
