-- The monthly counts of 0010 kept by adding and taking away, not by counting again.
--
-- Each insert of an encounter used to count all of that person's encounters again
-- (encounter_month_recount): about 1.0 ms of PostgreSQL CPU, some 40 % of recording
-- a visit, and more for the people visited most. Now a statement's encounters add one
-- to their person's month (and one taken away for those deleted, or moved by an
-- update); a month's row is made at its first encounter and goes with its last, and
-- only then are that person's previous_month links set again, from their few
-- encounter_month rows, never from their encounters.
--
-- The recount stays for what must count from scratch: the back-fill of 0010 and a
-- change of the program's time zone. Nothing here rewrites a table: replacing the
-- three trigger functions is a catalog change, done in milliseconds whatever the size.

-- Adds `signs` (+1 or -1 each) of encounters at `times` to their people's months.
create function encounter_month_add(orgs uuid[], people uuid[], times timestamptz[], signs int[])
returns void language plpgsql as $$
declare
  d_orgs uuid[];
  d_people uuid[];
  d_months date[];
  d_counts int[];
  r_orgs uuid[];
  r_people uuid[];
begin
  -- What each month gains or loses; a statement that moves nothing nets to no change.
  -- The zone is report_time_zone()'s, read by a join: called with a column, that SQL
  -- function was planned anew on every write (a third of this function's cost).
  select array_agg(org_id), array_agg(client_id), array_agg(month), array_agg(n)
    into d_orgs, d_people, d_months, d_counts
    from (select u.org_id, u.client_id, date_trunc('month', u.at at time zone z.zone)::date as month, sum(u.sign)::int as n
            from unnest(orgs, people, times, signs) as u(org_id, client_id, at, sign)
            join (select o, coalesce(p.time_zone, report_time_zone(null)) as zone
                    from (select distinct unnest(orgs)) s(o) left join program_setting p on p.org_id = s.o) z
              on z.o = u.org_id
           group by 1, 2, 3
          having sum(u.sign) <> 0) d;
  if d_people is null then
    return;
  end if;
  -- Whoever writes a person's months holds their client row until commit (as the recount
  -- does), so two writers' first or last encounter of a month never cross: the second
  -- waits, and each statement below reads what the first committed.
  perform 1 from client c where c.id = any(d_people) order by c.id for no key update;

  with d as (select * from unnest(d_orgs, d_people, d_months, d_counts) as u(org_id, client_id, month, n)),
  gone as (
    delete from encounter_month r using d
     where r.org_id = d.org_id and r.client_id = d.client_id and r.month = d.month and r.encounters + d.n <= 0
    returning r.org_id, r.client_id),
  kept as (
    update encounter_month r set encounters = r.encounters + d.n
      from d
     where r.org_id = d.org_id and r.client_id = d.client_id and r.month = d.month and r.encounters + d.n > 0),
  made as (
    insert into encounter_month (org_id, client_id, month, encounters)
    select d.org_id, d.client_id, d.month, d.n from d
     where d.n > 0
       and not exists (select 1 from encounter_month r
                        where r.org_id = d.org_id and r.client_id = d.client_id and r.month = d.month)
    returning org_id, client_id)
  select array_agg(org_id), array_agg(client_id) into r_orgs, r_people
    from (select org_id, client_id from gone union select org_id, client_id from made) w;
  -- (The three changes above run once each, whether read or not, and see the same
  -- snapshot: a month's row is deleted, added to or made, never two of these, as
  -- their conditions exclude each other.)

  if r_people is null then
    return;
  end if;
  -- A month came or went: these people's previous_month links, from their months.
  update encounter_month r set previous_month = f.previous_month
    from (select org_id, client_id, month,
                 lag(month) over (partition by org_id, client_id order by month) as previous_month
            from encounter_month
           where (org_id, client_id) in (select * from unnest(r_orgs, r_people))) f
   where r.org_id = f.org_id and r.client_id = f.client_id and r.month = f.month
     and r.previous_month is distinct from f.previous_month;
end;
$$;

create or replace function encounter_month_inserted() returns trigger language plpgsql as $$
begin
  perform encounter_month_add(array_agg(org_id), array_agg(client_id), array_agg(occurred_at), array_agg(1))
     from new_rows;
  return null;
end;
$$;

create or replace function encounter_month_deleted() returns trigger language plpgsql as $$
begin
  perform encounter_month_add(array_agg(org_id), array_agg(client_id), array_agg(occurred_at), array_agg(-1))
     from old_rows;
  return null;
end;
$$;

-- A merge moves encounters between people, a correction may move one in time: the old
-- place loses one, the new gains one. A corrected note nets to nothing and locks no one.
create or replace function encounter_month_updated() returns trigger language plpgsql as $$
begin
  perform encounter_month_add(array_agg(org_id), array_agg(client_id), array_agg(occurred_at), array_agg(sign))
     from (select org_id, client_id, occurred_at, 1 as sign from new_rows
           union all
           select org_id, client_id, occurred_at, -1 from old_rows) w;
  return null;
end;
$$;
