-- Referrals: from a person's need to a service in the directory, tracked (Gravity Task
-- statuses) until the loop closes; partner accounts that answer them; follow-ups.

-- Which directory organization a partner user answers for. One organization can have
-- several partner users; a partner user answers for one organization.
create table partner_account (
  user_id uuid primary key references app_user (id),
  org_id uuid not null references organization (id),
  hsds_organization_id text not null,
  linked_by uuid not null references app_user (id),
  linked_at timestamptz not null default now()
);
create index partner_account_org_idx on partner_account (org_id, hsds_organization_id);

create table referral_setting (
  org_id uuid primary key references organization (id),
  attempts_before_unreachable integer not null default 3 check (attempts_before_unreachable between 1 and 10),
  follow_up_after_days integer not null default 7 check (follow_up_after_days between 1 and 90)
);

create table referral (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  need text not null,
  goal_id uuid references goal (id),
  screening_id uuid references screening (id),
  -- The service as it was when referred: a directory re-import must not rewrite history.
  service_id text not null,
  service_name text not null,
  partner_org_id text,
  partner_name text not null,
  reason text not null,
  urgency text not null check (urgency in ('routine', 'urgent')),
  do_not_contact boolean not null default false,
  shares text[] not null default '{}',
  -- The consent that allowed sharing with this partner when the referral was made.
  consent_id uuid not null references consent (id),
  status text not null check (status in ('requested', 'accepted', 'rejected', 'in-progress', 'on-hold',
    'completed', 'failed', 'cancelled', 'entered-in-error')),
  status_reason text,
  capacity text check (capacity in ('has-capacity', 'no-capacity', 'waitlist', 'assessment-needed')),
  enrollment text check (enrollment in ('enrolled', 'not-enrolled', 'waitlisted')),
  outcome text check (outcome in ('got-help', 'could-not-contact', 'not-eligible', 'no-capacity',
    'could-not-get-help', 'no-longer-interested', 'referred-elsewhere')),
  result text,
  requested_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  -- Closed means closed: a closed referral has its closing time, an open one has none.
  check ((closed_at is null) = (status in ('requested', 'accepted', 'in-progress', 'on-hold')))
);
create index referral_client_idx on referral (org_id, client_id, created_at desc);
create index referral_partner_idx on referral (org_id, partner_org_id, created_at desc);
create index referral_open_idx on referral (org_id, updated_at)
  where status in ('requested', 'accepted', 'in-progress', 'on-hold');
create index referral_created_idx on referral (org_id, created_at);

-- Every move of a referral and every attempt to reach the person, in order.
create table referral_event (
  id uuid primary key,
  org_id uuid not null references organization (id),
  referral_id uuid not null references referral (id),
  kind text not null check (kind in ('created', 'status', 'contact-attempt')),
  status text,
  reason text,
  contact_result text check (contact_result in ('reached', 'no-answer', 'left-message', 'wrong-number')),
  by_user uuid not null references app_user (id),
  by_partner boolean not null default false,
  at timestamptz not null default now()
);
create index referral_event_referral_idx on referral_event (org_id, referral_id, at);

-- A follow-up task can belong to a referral: one open follow-up per referral at a time.
alter table task add column referral_id uuid references referral (id);
create unique index task_open_referral_idx on task (referral_id) where status = 'open' and referral_id is not null;
