-- Program reports and the FHIR bridge: the per-organization secret behind pseudonymous ids,
-- API clients of connected clinics, bulk exports, and indexes for reports over a year of work.

-- Keyed hashing of client ids (and their date shifts) for evaluators' extracts. Made on first
-- use; replacing it changes every pseudonym, which is the way to unlink old extracts.
create table report_secret (
  org_id uuid primary key references organization (id),
  secret text not null,
  created_at timestamptz not null default now()
);

-- A clinic's system reading FHIR: only the hash of its secret is kept. It sees the people who
-- consented to share with its partner name or partner category.
create table fhir_client (
  id uuid primary key,
  org_id uuid not null references organization (id),
  name text not null,
  partner_name text,
  partner_category text,
  secret_hash text not null unique,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  check (partner_name is not null or partner_category is not null)
);
create index fhir_client_org_idx on fhir_client (org_id);

-- One bulk export ($export); its NDJSON files live in fhir_export_file until they expire.
create table fhir_export (
  id uuid primary key,
  org_id uuid not null references organization (id),
  fhir_client_id uuid not null references fhir_client (id),
  request text not null,
  types text[] not null,
  since timestamptz,
  status text not null default 'accepted' check (status in ('accepted', 'complete', 'failed')),
  requested_at timestamptz not null default now(),
  completed_at timestamptz,
  expires_at timestamptz not null
);
create index fhir_export_client_idx on fhir_export (org_id, fhir_client_id, requested_at desc);

create table fhir_export_file (
  org_id uuid not null references organization (id),
  export_id uuid not null references fhir_export (id) on delete cascade,
  resource_type text not null,
  count integer not null,
  body text not null,
  primary key (export_id, resource_type)
);

-- Report queries read a date range of an organization's work and group it by month;
-- the trailing columns let PostgreSQL answer from the index alone.
create index encounter_report_idx on encounter (org_id, occurred_at, client_id, author_id);
create index screening_report_idx on screening (org_id, authored_at, client_id);
create index safety_plan_report_idx on safety_plan (org_id, saved_at, client_id);
create index risk_alert_report_idx on risk_alert (org_id, raised_at);
create index consent_share_idx on consent (org_id, partner_name, partner_category) where kind = 'share' and revoked_at is null;
