-- Who made each of the two values of a conflict, and when, so the person
-- checking it can be told in plain words ("On 12 May you changed the phone
-- to X, but Daniel had changed it to Y"). Empty on rows logged before.
alter table sync_conflict
  -- the edit sent from a phone: its author, and when it was made on the phone
  add column incoming_by uuid references app_user (id),
  add column incoming_at timestamptz,
  -- what the server held: who last changed the field (when known) and when the record last changed
  add column server_by uuid references app_user (id),
  add column server_at timestamptz;
