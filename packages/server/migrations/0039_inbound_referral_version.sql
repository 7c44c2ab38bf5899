-- A clinic may cancel a referral it sent (PUT or PATCH of its Task), and FHIR's version-aware
-- update needs a version the read gives (meta.versionId, ETag W/"n") and If-Match checks. Every
-- change of the row counts: the trigger bumps it, so no path that moves the Task can forget to.
-- `cancelled_at` says when the clinic withdrew it; the reason is status_reason, as for a decline.
alter table inbound_referral add column version integer not null default 1;
alter table inbound_referral add column cancelled_at timestamptz;

create function inbound_referral_bump_version() returns trigger language plpgsql as $$
begin
  new.version := old.version + 1;
  return new;
end;
$$;

create trigger inbound_referral_version before update on inbound_referral
  for each row execute function inbound_referral_bump_version();
