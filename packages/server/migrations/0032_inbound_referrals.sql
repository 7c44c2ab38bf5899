-- Referrals from clinics to the program (Gravity SDOH Clinical Care, the community organisation's
-- side): a connected clinic's system sends a ServiceRequest with its Task, the person is matched
-- or registered, and the Task waits on the program's intake queue until a supervisor assigns a
-- CHW who accepts or declines it. The clinic polls the Task for its status and outcome.
create table inbound_referral (
  -- The Task's id; the ServiceRequest is served under the same id.
  id uuid primary key,
  org_id uuid not null references organization (id),
  -- The clinic's system that sent it: the only caller that may read it back.
  fhir_client_id uuid not null references fhir_client (id),
  client_id uuid not null references client (id),
  -- How the person was found: an existing record of the caseload, or registered from the referral.
  matched text not null check (matched in ('existing', 'created')),
  -- The clinic's own identifiers, echoed back so its system can tie the Task to its records.
  patient_identifier jsonb not null,
  request_identifier jsonb,
  need text not null,
  service_text text not null,
  reason_text text,
  priority text not null check (priority in ('routine', 'urgent', 'asap', 'stat')),
  requester_display text,
  consent_given_on date not null,
  consent_scope text not null,
  status text not null check (status in ('received', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled')),
  status_reason text,
  outcome text check (outcome in ('got-help', 'could-not-contact', 'not-eligible', 'no-capacity',
    'could-not-get-help', 'no-longer-interested', 'referred-elsewhere')),
  outcome_note text,
  assigned_chw_id uuid references app_user (id),
  assigned_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A declined referral says why; a completed one says what came of it.
  check (status <> 'rejected' or status_reason is not null),
  check (status <> 'completed' or outcome is not null)
);
create index inbound_referral_queue_idx on inbound_referral (org_id, created_at)
  where status in ('received', 'accepted', 'in-progress');
create index inbound_referral_chw_idx on inbound_referral (org_id, assigned_chw_id) where assigned_chw_id is not null;
create index inbound_referral_client_idx on inbound_referral (fhir_client_id, created_at);
-- A clinic that sends the same ServiceRequest twice (a retry after a timeout) gets the first Task back.
create unique index inbound_referral_request_idx on inbound_referral (fhir_client_id, (request_identifier ->> 'system'), (request_identifier ->> 'value'))
  where request_identifier is not null;
