-- Issue 14: a crisis safety net with no holes.

-- The local emergency number and the program's own escalation time, set on the crisis settings screen.
alter table crisis_setting add column emergency_number text;
alter table crisis_setting add column escalation_minutes integer
  check (escalation_minutes is null or escalation_minutes between 1 and 240);

-- A phone for staff, so a supervisor can call the CHW who raised an alert with one tap. Optional.
alter table app_user add column phone text;

-- What an open alert knows from every trigger that joined it: its title and severity come from these.
alter table risk_alert add column cssrs_risk text
  check (cssrs_risk is null or cssrs_risk in ('none', 'low', 'moderate', 'high'));
alter table risk_alert add column phq9_item9 boolean not null default false;
alter table risk_alert add column chw_judgement boolean not null default false;
update risk_alert set cssrs_risk = 'high' where reason = 'cssrs-high';
update risk_alert set phq9_item9 = true where reason = 'phq9-item9';
update risk_alert set chw_judgement = true where reason = 'chw-judgement';

-- Whether a person's device has fetched an alert they were told of: one 'delivered' event each.
create index alert_event_delivered_idx on alert_event (alert_id, user_id) where kind = 'delivered';
