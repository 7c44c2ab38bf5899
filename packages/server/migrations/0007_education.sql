-- Community education: the psychoeducation library, topic shares, outreach events with an
-- anonymous pre/post check, and the public "find help" page.
-- The topics shipped with Puente are files (content/education); this table keeps each
-- organization's own versions of them and its own topics. The newest version wins.
create table education_topic_version (
  id uuid primary key,
  org_id uuid not null references organization (id),
  topic_id text not null check (topic_id ~ '^[a-z0-9][a-z0-9-]{1,60}-(en|es)$'),
  subject text not null,
  language text not null check (language in ('en', 'es')),
  version integer not null check (version > 0),
  title text not null,
  body text not null,
  reviewed_by text,
  reviewed_on date,
  saved_by uuid not null references app_user (id),
  saved_at timestamptz not null default now(),
  unique (org_id, topic_id, version)
);

-- A private link to one version of a topic for one person: only the token's hash is kept.
create table education_share (
  token_hash text primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  topic_id text not null,
  topic_version integer not null,
  language text not null check (language in ('en', 'es')),
  channel text not null check (channel in ('whatsapp', 'sms', 'print', 'link')),
  encounter_id uuid not null references encounter (id),
  expires_at timestamptz not null,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now()
);
create index education_share_client_idx on education_share (org_id, client_id);

-- The program's public "find help" page, off until an admin turns it on.
create table help_page_setting (
  org_id uuid primary key references organization (id),
  enabled boolean not null default false,
  public_slug text not null unique check (public_slug ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);

create table outreach_event (
  id uuid primary key,
  org_id uuid not null references organization (id),
  title text not null,
  held_on date not null,
  place text not null,
  neighborhood text,
  audience text not null,
  language text not null check (language in ('en', 'es', 'both')),
  topics text[] not null default '{}',
  facilitator_ids uuid[] not null default '{}',
  attendance integer not null default 0 check (attendance >= 0),
  materials text,
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  check_questionnaire text,
  check_phase text not null default 'pre' check (check_phase in ('pre', 'post', 'closed')),
  -- The short code of the attendees' link /e/<code>; unique across organizations.
  check_code text unique,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index outreach_event_org_idx on outreach_event (org_id, held_on desc);

-- Attendees who chose to leave their name, with their consent.
create table outreach_sign_in (
  id uuid primary key,
  org_id uuid not null references organization (id),
  event_id uuid not null references outreach_event (id),
  name text not null,
  phone text,
  consented_at timestamptz not null default now(),
  recorded_by uuid not null references app_user (id)
);
create index outreach_sign_in_event_idx on outreach_sign_in (org_id, event_id);

-- People who asked a CHW to contact them: each one is a client.
create table outreach_sign_up (
  id uuid primary key,
  org_id uuid not null references organization (id),
  event_id uuid not null references outreach_event (id),
  client_id uuid not null references client (id),
  chw_id uuid not null references app_user (id),
  recorded_by uuid not null references app_user (id),
  created_at timestamptz not null default now()
);
create index outreach_sign_up_event_idx on outreach_sign_up (org_id, event_id);

-- Anonymous answers to an event's check: a random session code pairs a phone's pre and post,
-- and nothing else about the person is kept (no address, no device id).
create table outreach_check_answer (
  id uuid primary key,
  org_id uuid not null references organization (id),
  event_id uuid not null references outreach_event (id),
  session_code text not null,
  phase text not null check (phase in ('pre', 'post')),
  questionnaire text not null,
  total numeric,
  response jsonb not null,
  answered_at timestamptz not null default now(),
  unique (event_id, session_code, phase)
);
create index outreach_check_answer_event_idx on outreach_check_answer (org_id, event_id);
