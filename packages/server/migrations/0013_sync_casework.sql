-- Screens and referrals travel to the phones through the change feed of 0006,
-- so a screen or a referral made on one device reaches the others, and leaves
-- a phone with the person it belongs to.

create trigger screening_sync after insert or update on screening
  for each row execute function sync_track('screening');
create trigger referral_sync after insert or update on referral
  for each row execute function sync_track('referral');

-- A contact attempt changes what the referral's card says (failed attempts,
-- whether it may close as unreachable) without touching the referral row.
create function sync_track_referral_event() returns trigger language plpgsql as $$
begin
  insert into sync_change (org_id, client_id, entity, entity_id)
  select r.org_id, r.client_id, 'referral', r.id from referral r where r.id = new.referral_id;
  return null;
end;
$$;

create trigger referral_event_sync after insert on referral_event
  for each row execute function sync_track_referral_event();
