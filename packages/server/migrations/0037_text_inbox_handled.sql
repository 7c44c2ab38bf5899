-- The program inbox of texts from unknown numbers (issue 20): a supervisor attaches a text to a person
-- (it then has client_id and leaves the inbox) or marks it handled (a wrong number, spam, answered by phone).
alter table text_message add column handled_at timestamptz;
alter table text_message add column handled_by uuid references app_user (id);
