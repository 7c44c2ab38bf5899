-- The caseload list orders by last contact; keeping it on the client row spares
-- a scan of every encounter each time the list opens.
alter table client add column last_contact_at timestamptz;
update client c set last_contact_at = (select max(e.occurred_at) from encounter e where e.client_id = c.id);
create index client_caseload_contact_idx on client (org_id, assigned_chw_id, last_contact_at nulls first)
  where merged_into is null;
