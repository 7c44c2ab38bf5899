-- A visit's follow-up, scheduled by a function so that it reads the person's tasks afresh.
--
-- A visit is one statement (features/encounters/service.ts): the visit, the person's last
-- contact, the follow-up and the audit event as data-modifying CTEs. Every part of one statement
-- reads the snapshot taken when it began, so two visits for one person at the same moment each
-- saw no open follow-up and each made one (8 runs in 10 on PostgreSQL). The last-contact update
-- already makes the second visit wait for the first's row lock; a VOLATILE function called after
-- that update takes a new snapshot for its own statement, so it sees the follow-up the first
-- visit committed and moves it instead of adding another. Nothing is written when the program
-- asks for no follow-up (0 days). The due day is the visit's day in the program's zone plus its
-- days; the program's own settings win over the defaults the server passes.
create function schedule_visit_follow_up(
  p_org uuid, p_client uuid, p_assignee uuid, p_at timestamptz, p_task uuid, p_title text,
  p_code text, p_source text, p_by uuid, p_default_days int, p_default_zone text
) returns boolean language plpgsql volatile as $$
declare
  due date;
begin
  select (p_at at time zone coalesce(p.time_zone, p_default_zone))::date
           + coalesce(p.follow_up_days_after_visit, p_default_days)
    into due
    from (select 1) one left join program_setting p on p.org_id = p_org
   where coalesce(p.follow_up_days_after_visit, p_default_days) > 0;
  if due is null then
    return false;
  end if;
  update task set due_on = greatest(due_on, due)
   where org_id = p_org and client_id = p_client and status = 'open' and source = p_source;
  if not found then
    insert into task (id, org_id, client_id, assignee_id, title, code, due_on, source, created_by)
    values (p_task, p_org, p_client, p_assignee, p_title, p_code, due, p_source, p_by);
  end if;
  return true;
end;
$$;
