-- Households (issue 17): people who live together, each a person of the caseload, related to the
-- household's head in plain words. Replaces nothing: client.household (names typed in as text)
-- stays for what was written there.
create table household (
  id uuid primary key,
  org_id uuid not null references organization (id) on delete cascade,
  address text check (length(address) <= 300),
  created_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per person per household they lived in; leaving keeps the row (left_at), so the
-- phone hears of it at its next pull like any other change.
create table household_member (
  id uuid primary key,
  org_id uuid not null references organization (id) on delete cascade,
  household_id uuid not null references household (id) on delete cascade,
  client_id uuid not null references client (id) on delete cascade,
  relationship text not null check (relationship in ('head', 'partner', 'child', 'stepchild', 'parent',
    'grandparent', 'grandchild', 'sibling', 'aunt-uncle', 'niece-nephew', 'cousin', 'in-law',
    'other-relative', 'friend', 'other')),
  joined_at timestamptz not null default now(),
  left_at timestamptz,
  created_by uuid references app_user (id) on delete set null
);
-- A person lives in one household at a time.
create unique index household_member_current_idx on household_member (client_id) where left_at is null;
create index household_member_household_idx on household_member (household_id) where left_at is null;

-- Each membership travels with its own person (sync_track's client_id), so a phone holds only
-- the members it may see.
create trigger household_member_sync after insert or update on household_member
  for each row execute function sync_track('member');

-- The household's address lives once, but each member's row carries it to the phone.
create function sync_track_household() returns trigger language plpgsql as $$
begin
  insert into sync_change (org_id, client_id, entity, entity_id)
  select m.org_id, m.client_id, 'member', m.id from household_member m
   where m.household_id = new.id and m.left_at is null;
  return null;
end;
$$;

create trigger household_sync after update on household
  for each row execute function sync_track_household();
