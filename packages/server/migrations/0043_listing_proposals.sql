-- Partners propose edits to their own directory listings (issue 17); an admin approves or declines
-- each. A proposal keeps only the fields that changed: what the listing said when it was proposed
-- (`before`) and what the partner wants (`after`), both keyed by the service form's field names.
-- No foreign key to hsds_service: a re-import may replace the service, and the record stays.
create table listing_proposal (
  id uuid primary key,
  org_id uuid not null references organization (id),
  service_id text not null,
  proposed_by uuid not null references app_user (id),
  proposed_at timestamptz not null default now(),
  before jsonb not null,
  after jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
  decided_by uuid references app_user (id),
  decided_at timestamptz,
  reason text check (char_length(reason) <= 500)
);
-- The admin's queue (pending, oldest first) and each partner's own list.
create index listing_proposal_status_idx on listing_proposal (org_id, status, proposed_at);
create index listing_proposal_partner_idx on listing_proposal (org_id, proposed_by, proposed_at);
