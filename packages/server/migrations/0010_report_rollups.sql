-- Program reports over a million encounters within a second (issues 8 and 9): a per-person,
-- per-month count of encounters kept by trigger, whether a screen counts as positive kept on
-- the screen, and indexes the report reads without visiting the tables.

-- One row per person and month (in the program's time zone) with at least one encounter.
-- previous_month is the person's latest earlier month with one: a row whose previous month
-- falls before a report's first month is that person's first month in the report, so people
-- reached over the whole range are counted in the same pass as each month's.
create table encounter_month (
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  month date not null,
  encounters integer not null check (encounters > 0),
  previous_month date,
  primary key (org_id, client_id, month)
);
create index encounter_month_report_idx on encounter_month (org_id, month)
  include (client_id, encounters, previous_month);

-- The zone of the program's months, as programSettings() reads it: the column default
-- (0002_caseload.sql) until an admin sets one.
create function report_time_zone(org uuid) returns text language sql stable as $$
  select coalesce((select time_zone from program_setting where org_id = org), 'America/Los_Angeles')
$$;

-- Counts the months of these people again from their encounters. Whoever writes a person's
-- encounters holds their client row until commit, so writers take turns and each recount
-- sees the others' committed rows.
create function encounter_month_recount(orgs uuid[], people uuid[]) returns void language plpgsql as $$
begin
  perform 1 from client c where c.id = any(people) order by c.id for no key update;
  with who as (
    select w.org_id, w.client_id, report_time_zone(w.org_id) as zone
      from (select distinct org_id, client_id from unnest(orgs, people) as u(org_id, client_id)) w),
  counted as (
    select who.org_id, who.client_id, date_trunc('month', e.occurred_at at time zone who.zone)::date as month,
           count(*)::int as encounters
      from who join encounter e on e.org_id = who.org_id and e.client_id = who.client_id
     group by 1, 2, 3),
  fresh as (
    select org_id, client_id, month, encounters,
           lag(month) over (partition by org_id, client_id order by month) as previous_month
      from counted),
  gone as (
    delete from encounter_month r using who
     where r.org_id = who.org_id and r.client_id = who.client_id
       and not exists (select 1 from fresh f where f.org_id = r.org_id and f.client_id = r.client_id and f.month = r.month))
  insert into encounter_month (org_id, client_id, month, encounters, previous_month)
  select org_id, client_id, month, encounters, previous_month from fresh
  on conflict (org_id, client_id, month) do update
    set encounters = excluded.encounters, previous_month = excluded.previous_month
    where (encounter_month.encounters, encounter_month.previous_month)
      is distinct from (excluded.encounters, excluded.previous_month);
end;
$$;

-- Statement triggers see every row a statement wrote at once, so a bulk insert recounts each person once.
create function encounter_month_inserted() returns trigger language plpgsql as $$
begin
  perform encounter_month_recount(array_agg(org_id), array_agg(client_id))
     from (select distinct org_id, client_id from new_rows) w;
  return null;
end;
$$;

create function encounter_month_deleted() returns trigger language plpgsql as $$
begin
  perform encounter_month_recount(array_agg(org_id), array_agg(client_id))
     from (select distinct org_id, client_id from old_rows) w;
  return null;
end;
$$;

-- A merge moves encounters between people, a correction may move one in time; a corrected note moves nothing.
create function encounter_month_updated() returns trigger language plpgsql as $$
begin
  perform encounter_month_recount(array_agg(org_id), array_agg(client_id))
     from (select org_id, client_id from (select id, org_id, client_id, occurred_at from old_rows
                                          except select id, org_id, client_id, occurred_at from new_rows) o
           union
           select org_id, client_id from (select id, org_id, client_id, occurred_at from new_rows
                                          except select id, org_id, client_id, occurred_at from old_rows) n) w;
  return null;
end;
$$;

create function encounter_month_truncated() returns trigger language plpgsql as $$
begin
  truncate encounter_month;
  return null;
end;
$$;

create trigger encounter_month_insert after insert on encounter
  referencing new table as new_rows for each statement execute function encounter_month_inserted();
create trigger encounter_month_update after update on encounter
  referencing old table as old_rows new table as new_rows for each statement execute function encounter_month_updated();
create trigger encounter_month_delete after delete on encounter
  referencing old table as old_rows for each statement execute function encounter_month_deleted();
create trigger encounter_month_truncate after truncate on encounter
  for each statement execute function encounter_month_truncated();

-- Months are the program's: when its time zone changes, every person's months are counted again.
create function encounter_month_rezoned() returns trigger language plpgsql as $$
declare
  org uuid := case when tg_op = 'DELETE' then old.org_id else new.org_id end;
  -- Before its first setting a program has the default zone: that of no organization.
  before_zone text := case when tg_op = 'INSERT' then report_time_zone(null) else old.time_zone end;
begin
  if before_zone is distinct from report_time_zone(org) then
    perform encounter_month_recount(array_agg(c.org_id), array_agg(c.id)) from client c where c.org_id = org;
  end if;
  return null;
end;
$$;
create trigger program_setting_zone after insert or update or delete on program_setting
  for each row execute function encounter_month_rezoned();

-- Whether the report counts a complete screen as positive. The instrument's own cut-off
-- when it has one (PHQ-2, GAD-2); PHQ-9 and GAD-7 from 10 (moderate or worse, the usual
-- referral point); the C-SSRS at any risk tier; a social-needs screen when it found a need.
-- Kept on the row so the report reads it from an index instead of each screen's result.
alter table screening add column report_positive boolean not null generated always as (coalesce(positive,
  case when instrument in ('https://puente.dev/fhir/Questionnaire/phq-9', 'https://puente.dev/fhir/Questionnaire/gad-7')
        and total is not null then total >= 10 end,
  case when result -> 'flags' ->> 'cssrsRisk' is not null then result -> 'flags' ->> 'cssrsRisk' <> 'none' end,
  case when cardinality(positive_domains) > 0 then true end,
  false)) stored;

-- Screens done and positive by month and instrument, from the index alone.
drop index screening_report_idx;
create index screening_report_idx on screening (org_id, authored_at)
  include (client_id, instrument, report_positive) where complete;
-- First and last score of each person and instrument, already in order: no sort of every screen.
create index screening_outcome_idx on screening (org_id, instrument, client_id, authored_at, id)
  include (total) where complete and total is not null;

-- The people a filtered report counts (neighbourhood, language, CHW), from the index alone.
create index client_report_idx on client (org_id, neighborhood, preferred_language)
  include (id, assigned_chw_id) where merged_into is null;

-- Back-fill: every person's months, counted in batches of people after this commits
-- (src/db/backfills/0010_report_rollups.ts), so the encounter table is never held for the
-- whole count. The triggers above count whoever is written meanwhile; a batch recounting
-- them again finds the same. Databases that applied this file before the back-fill moved
-- (it ended with the whole count, in this transaction) are up to date and skip it.
