-- Follow-up visits' reminders come from a template an admin edits too (issue 20), apart from the
-- appointments' one: a visit is the promotora coming by or calling, not an appointment somewhere.
alter table text_template drop constraint text_template_kind_check;
alter table text_template add constraint text_template_kind_check
  check (kind in ('reminder', 'visit-reminder', 'message'));
