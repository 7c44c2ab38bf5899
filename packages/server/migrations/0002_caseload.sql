-- People served, consent, caseload, encounters, care plans, follow-ups, supervision.

create table program_setting (
  org_id uuid primary key references organization (id),
  follow_up_days_after_visit integer not null default 7,
  no_contact_days integer not null default 30,
  time_zone text not null default 'America/Los_Angeles'
);

create table client (
  id uuid primary key,
  org_id uuid not null references organization (id),
  given_name text not null,
  family_name text,
  preferred_name text,
  -- lower case, accents removed: what caseload search matches against
  name_folded text not null,
  preferred_language text not null,
  birth_date date,
  age_range text,
  gender text,
  phone text,
  ok_to_text boolean not null default false,
  ok_to_leave_message boolean not null default false,
  safe_to_contact boolean not null default true,
  neighborhood text,
  address text,
  household jsonb not null default '[]'::jsonb,
  insurance_status text,
  notes text,
  assigned_chw_id uuid references app_user (id),
  backup_chw_id uuid references app_user (id),
  merged_into uuid references client (id),
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index client_caseload_idx on client (org_id, assigned_chw_id) where merged_into is null;
create index client_backup_idx on client (org_id, backup_chw_id) where backup_chw_id is not null;
create index client_phone_idx on client (org_id, phone) where phone is not null;
create index client_birth_idx on client (org_id, birth_date) where birth_date is not null;

-- Who held the caseload when: a transfer closes one row and opens the next.
create table client_assignment (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  chw_id uuid references app_user (id),
  backup_chw_id uuid references app_user (id),
  reason text,
  assigned_by uuid not null references app_user (id),
  started_at timestamptz not null default now(),
  ended_at timestamptz
);
create index client_assignment_client_idx on client_assignment (org_id, client_id, started_at);

create table client_merge (
  id uuid primary key,
  org_id uuid not null references organization (id),
  kept_id uuid not null references client (id),
  merged_id uuid not null references client (id),
  merged_by uuid not null references app_user (id),
  merged_at timestamptz not null default now()
);

create table consent (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  kind text not null check (kind in ('service', 'share', 'text')),
  method text not null check (method in ('verbal', 'written')),
  given_on date not null,
  partner_name text,
  partner_category text,
  note text,
  recorded_by uuid not null references app_user (id),
  recorded_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references app_user (id),
  revoke_note text
);
create index consent_client_idx on consent (org_id, client_id);

create table encounter (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  author_id uuid not null references app_user (id),
  kind text not null,
  occurred_at timestamptz not null,
  duration_minutes integer,
  language text not null,
  activities text[] not null default '{}',
  note text,
  note_sensitive boolean not null default false,
  created_at timestamptz not null default now()
);
create index encounter_client_idx on encounter (org_id, client_id, occurred_at desc);

create table goal (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  text text not null,
  need_area text not null,
  status text not null default 'active',
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index goal_client_idx on goal (org_id, client_id);

create table goal_step (
  id uuid primary key,
  org_id uuid not null references organization (id),
  goal_id uuid not null references goal (id),
  text text not null,
  owner text not null check (owner in ('chw', 'client')),
  due_on date,
  status text not null default 'todo',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index goal_step_goal_idx on goal_step (org_id, goal_id);

create table appointment (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  place text not null,
  purpose text,
  at timestamptz not null,
  status text not null default 'scheduled',
  barriers text[] not null default '{}',
  note text,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index appointment_client_idx on appointment (org_id, client_id, at);

create table task (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  assignee_id uuid not null references app_user (id),
  title text not null,
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  source text not null default 'manual',
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index task_assignee_idx on task (org_id, assignee_id, due_on) where status = 'open';
create index task_client_idx on task (org_id, client_id);

-- "Break the glass": time-limited access outside one's scope, with a reason.
create table break_glass (
  id uuid primary key,
  org_id uuid not null references organization (id),
  user_id uuid not null references app_user (id),
  client_id uuid not null references client (id),
  reason text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index break_glass_user_idx on break_glass (org_id, user_id, expires_at);
create index break_glass_client_idx on break_glass (org_id, client_id);

create table supervision_note (
  id uuid primary key,
  org_id uuid not null references organization (id),
  chw_id uuid not null references app_user (id),
  client_id uuid references client (id),
  author_id uuid not null references app_user (id),
  note text not null,
  created_at timestamptz not null default now()
);
create index supervision_note_chw_idx on supervision_note (org_id, chw_id, created_at desc);
