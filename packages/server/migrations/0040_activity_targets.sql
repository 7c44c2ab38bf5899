-- Weekly activity targets (issue 17): how many visits, screens and closed referral loops a program asks
-- of each CHW in a week, for the whole program or for one team (a team's target takes the program's
-- place for its members). No row: no target for that measure.
create table activity_target (
  id uuid primary key,
  org_id uuid not null references organization (id),
  team_id uuid references team (id) on delete cascade,
  measure text not null check (measure in ('visits', 'screenings', 'referralsClosed')),
  per_week integer not null check (per_week between 1 and 500),
  set_by uuid not null references app_user (id),
  set_at timestamptz not null default now()
);
create unique index activity_target_program_key on activity_target (org_id, measure) where team_id is null;
create unique index activity_target_team_key on activity_target (org_id, team_id, measure)
  where team_id is not null;

-- Referral loops closed, by week and by who made the referral (a CHW's activity), from the index alone.
create index referral_closed_idx on referral (org_id, closed_at) include (requested_by, status)
  where closed_at is not null;
