-- Offline sync: a change log the phones pull from, what each device holds,
-- the mutations already applied (so a replay is applied once), and the
-- conflict log of field-by-field merges.

-- One row per write to a row a phone may hold. `seq` orders the log; `xid`
-- lets a pull catch writes that committed after a later `seq` was read
-- (sequence numbers are handed out before commit, not in commit order).
create table sync_change (
  seq bigint generated always as identity primary key,
  org_id uuid not null,
  client_id uuid not null,
  entity text not null,
  entity_id uuid not null,
  xid xid8 not null default pg_current_xact_id()
);
create index sync_change_org_seq_idx on sync_change (org_id, seq);
create index sync_change_org_xid_idx on sync_change (org_id, xid);

create function sync_track() returns trigger language plpgsql as $$
declare
  owner uuid;
begin
  if tg_table_name = 'client' then
    owner := new.id;
  elsif tg_table_name = 'goal_step' then
    select g.client_id into owner from goal g where g.id = new.goal_id;
  else
    owner := new.client_id;
  end if;
  insert into sync_change (org_id, client_id, entity, entity_id) values (new.org_id, owner, tg_argv[0], new.id);
  return null;
end;
$$;

create trigger client_sync after insert or update on client
  for each row execute function sync_track('client');
create trigger encounter_sync after insert or update on encounter
  for each row execute function sync_track('encounter');
create trigger consent_sync after insert or update on consent
  for each row execute function sync_track('consent');
create trigger goal_sync after insert or update on goal
  for each row execute function sync_track('goal');
create trigger goal_step_sync after insert or update on goal_step
  for each row execute function sync_track('step');
create trigger appointment_sync after insert or update on appointment
  for each row execute function sync_track('appointment');
create trigger task_sync after insert or update on task
  for each row execute function sync_track('task');

-- A phone (or browser) that syncs. The cursor it was last given stays
-- "pending" until the phone sends it back, which proves the page was stored.
create table sync_device (
  id uuid primary key,
  org_id uuid not null references organization (id),
  user_id uuid not null references app_user (id),
  acked_cursor text,
  pending_cursor text,
  pages bigint not null default 0,
  created_at timestamptz not null default now(),
  last_pull_at timestamptz
);
create index sync_device_user_idx on sync_device (org_id, user_id);

-- Which clients a device holds. `adding`/`removing` belong to the page not yet
-- confirmed: confirmed, they become `held`/gone; lost, they are undone.
create table sync_holding (
  org_id uuid not null references organization (id),
  device_id uuid not null references sync_device (id) on delete cascade,
  client_id uuid not null,
  state text not null check (state in ('held', 'adding', 'removing')),
  primary key (device_id, client_id)
);

-- Mutations pushed from phones, by the id the phone made: the same id again is a replay.
create table sync_mutation (
  id uuid primary key,
  org_id uuid not null references organization (id),
  user_id uuid not null references app_user (id),
  device_id uuid,
  kind text not null,
  status text not null check (status in ('applied', 'rejected')),
  problem jsonb,
  conflicts integer not null default 0,
  applied_at timestamptz not null default now()
);

-- A field two people changed differently while apart: the value kept and the one that lost.
create table sync_conflict (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  mutation_id uuid not null,
  field text not null,
  kept jsonb,
  lost jsonb,
  -- whose value lost: the pushing user's (their edit was older), or null for the value the server held
  lost_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references app_user (id),
  resolution text check (resolution in ('kept', 'lost'))
);
create index sync_conflict_open_idx on sync_conflict (org_id, client_id) where resolved_at is null;
