-- Issue 14: a next step after every positive screen, and tasks that record an outcome.

-- A task a rule made carries the rule's code; its words come from the catalogs in the reader's language.
alter table task add column code text;
-- The screen that made it: one task per screen and code, however often the screen is sent.
alter table task add column screening_id uuid references screening (id);
create unique index task_screening_code_idx on task (screening_id, code) where screening_id is not null;
-- A follow-up after a risk screen is due by an hour, not only a day.
alter table task add column due_at timestamptz;
-- How it ended, and what undo puts back.
alter table task add column outcome text
  check (outcome is null or outcome in ('done', 'unreachable', 'declined', 'rescheduled'));
alter table task add column outcome_at timestamptz;
alter table task add column outcome_by uuid references app_user (id);
alter table task add column previous_due_on date;
alter table task add column previous_due_at timestamptz;

-- Tasks rules made before this migration held their code as the title. A one-time back-fill with
-- the catalogs' words in the assignee's language; from now on readers get the code's words in theirs.
update task t set code = t.title,
  title = case when u.locale = 'es' then
    case t.title when 'rescreen-phq-9' then 'Repetir cuestionario: depresión (PHQ-9)'
                 when 'rescreen-gad-7' then 'Repetir cuestionario: ansiedad (GAD-7)'
                 else 'Seguimiento después de la visita' end
  else
    case t.title when 'rescreen-phq-9' then 'Screen again: depression (PHQ-9)'
                 when 'rescreen-gad-7' then 'Screen again: anxiety (GAD-7)'
                 else 'Follow up after the visit' end
  end
  from app_user u
 where u.id = t.assignee_id and t.title in ('rescreen-phq-9', 'rescreen-gad-7', 'follow-up-after-visit');

-- A high-risk C-SSRS flags the person until a supervisor clears it with a reason.
create table risk_flag (
  id uuid primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  level text not null check (level in ('high')),
  screening_id uuid references screening (id),
  raised_at timestamptz not null default now(),
  raised_by uuid not null references app_user (id),
  cleared_at timestamptz,
  cleared_by uuid references app_user (id),
  clear_reason text,
  check ((cleared_at is null) = (cleared_by is null) and (cleared_at is null) = (clear_reason is null))
);
-- At most one open flag per person: a second high-risk screen keeps the first flag.
create unique index risk_flag_open_idx on risk_flag (client_id) where cleared_at is null;
create index risk_flag_org_idx on risk_flag (org_id, client_id);

-- The program's follow-up intervals after a risk screen; high risk is never later than a day.
alter table program_setting add column high_risk_follow_up_hours integer not null default 24
  check (high_risk_follow_up_hours between 1 and 24);
alter table program_setting add column moderate_risk_follow_up_hours integer not null default 72
  check (moderate_risk_follow_up_hours between 1 and 168);
