-- A follow-up visit's reminder is answered as an appointment's is (issue 20): 1/sí confirms the visit and
-- 2/no asks the CHW to call, on the task the reminder was about.
alter table task add column text_reply text check (text_reply in ('confirmed', 'call-me'));
alter table task add column text_reply_at timestamptz;
