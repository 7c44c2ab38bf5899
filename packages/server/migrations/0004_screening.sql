-- Screening and crisis response: program forms, scored screens, the program's crisis
-- settings, risk alerts with their timeline, an email outbox, and versioned safety plans.

-- A program's own FHIR Questionnaires (built-in instruments live in code, not here).
create table program_form (
  id uuid primary key,
  org_id uuid not null references organization (id),
  url text not null,
  version text not null,
  resource jsonb not null,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  unique (org_id, url, version)
);

-- One row per screen, never changed: the score is the server's, never the phone's.
create table screening (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  author_id uuid not null references app_user (id),
  instrument text not null,
  version text not null,
  authored_at timestamptz not null,
  response jsonb not null,
  result jsonb not null,
  complete boolean not null,
  total integer,
  band text,
  positive boolean,
  positive_domains text[] not null default '{}',
  created_at timestamptz not null default now()
);
create index screening_client_idx on screening (org_id, client_id, authored_at);

create function screening_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'screening is append-only';
end;
$$;
-- Only client_id may change, so merging two records of one person keeps their screens.
create trigger screening_no_update
  before update of id, org_id, author_id, instrument, version, authored_at, response, result, complete, total,
    band, positive, positive_domains, created_at or delete on screening
  for each row execute function screening_is_append_only();

-- Crisis lines and the on-call order are the program's to set: numbers change.
create table crisis_setting (
  org_id uuid primary key references organization (id),
  crisis_lines jsonb not null default '[]'::jsonb,
  -- [{ "userId": …, "phone": … }] in the order they are alerted
  on_call jsonb not null default '[]'::jsonb,
  rescreen_days integer not null default 28,
  rescreen_from_total integer not null default 10,
  updated_at timestamptz not null default now()
);

create table risk_alert (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  screening_id uuid references screening (id),
  reason text not null check (reason in ('cssrs-high', 'phq9-item9', 'chw-judgement')),
  note text,
  raised_by uuid not null references app_user (id),
  raised_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'acknowledged')),
  -- index into the escalation chain (on-call list, then managers) reached so far
  step integer not null default 0,
  notified_ids uuid[] not null default '{}',
  escalate_at timestamptz,
  acknowledged_by uuid references app_user (id),
  acknowledged_at timestamptz,
  action_taken text
);
create index risk_alert_open_idx on risk_alert (org_id, status, raised_at desc);
create index risk_alert_escalate_idx on risk_alert (escalate_at) where status = 'open';
create index risk_alert_client_idx on risk_alert (org_id, client_id);

-- Every step of an alert, timestamped: raised, notified, emailed, escalated, acknowledged.
create table alert_event (
  id uuid primary key,
  -- the order steps happened in, whatever clock stamped them
  seq bigint generated always as identity,
  org_id uuid not null references organization (id),
  alert_id uuid not null references risk_alert (id),
  kind text not null,
  user_id uuid references app_user (id),
  at timestamptz not null
);
create index alert_event_alert_idx on alert_event (alert_id, seq);
create index alert_event_user_idx on alert_event (org_id, user_id, kind);

-- Work to do outside the request: claimed with FOR UPDATE SKIP LOCKED, retried with backoff.
create table outbox (
  id uuid primary key,
  org_id uuid not null references organization (id),
  kind text not null check (kind in ('email')),
  payload jsonb not null,
  alert_id uuid references risk_alert (id),
  recipient_id uuid references app_user (id),
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  created_at timestamptz not null default now(),
  done_at timestamptz
);
create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';

create table safety_plan (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  version integer not null,
  language text not null,
  content jsonb not null,
  saved_by uuid not null references app_user (id),
  saved_at timestamptz not null default now(),
  unique (org_id, client_id, version)
);

-- A private link to one version of a plan: only the token's hash is kept.
create table safety_plan_share (
  token_hash text primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  plan_id uuid not null references safety_plan (id),
  language text not null check (language in ('en', 'es')),
  expires_at timestamptz not null,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now()
);
create index safety_plan_share_client_idx on safety_plan_share (org_id, client_id);
