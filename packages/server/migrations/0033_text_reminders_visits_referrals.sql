-- Reminders also for follow-up visits and referral appointments (issue 20), not only care-plan appointments.

-- A follow-up visit: the hour agreed with the person for a follow-up task. Only a task with one is a visit
-- the person knows of and is reminded of; a task without it is the CHW's own work and texts nobody.
alter table task add column visit_at timestamptz;
create index task_visit_idx on task (org_id, visit_at) where status = 'open' and visit_at is not null;

-- A referral appointment: an appointment the referral led to. "Do not contact the person about this"
-- on the referral then also means no reminder of it.
alter table appointment add column referral_id uuid references referral (id);

-- The reminders' pass reads the scheduled appointments of a window of hours, not every one of the program.
create index appointment_due_idx on appointment (org_id, at) where status = 'scheduled';

-- A reminder of a follow-up visit names its task: once per task, slot and hour, as for appointments.
alter table text_message add column task_id uuid references task (id);
create unique index text_message_task_reminder_idx on text_message (org_id, task_id, reminder_slot, reminder_for)
  where kind = 'reminder' and task_id is not null;
