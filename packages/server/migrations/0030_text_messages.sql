-- Text messages through a provider (issue 20): the outbox also carries texts; a program's number,
-- reminder times, quiet hours and templates; every message in and out, its body sealed; numbers that
-- replied STOP; a reminder's answer on its appointment; consents given or withdrawn by a text reply.

alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check check (kind in ('email', 'text'));

create table text_setting (
  org_id uuid primary key references organization (id),
  -- The program's number in E.164: inbound texts to it belong to this program.
  sender text unique,
  reminders jsonb not null default '[{"daysBefore": 1, "at": "18:00"}, {"hoursBefore": 2}]'::jsonb,
  quiet_start text not null default '21:00',
  quiet_end text not null default '08:00',
  updated_at timestamptz not null default now()
);

create table text_template (
  id uuid primary key,
  org_id uuid not null references organization (id),
  kind text not null check (kind in ('reminder', 'message')),
  name text not null,
  language text not null check (language in ('en', 'es')),
  body text not null,
  updated_by uuid references app_user (id),
  updated_at timestamptz not null default now(),
  unique (org_id, language, name)
);

create table text_message (
  id uuid primary key,
  org_id uuid not null references organization (id),
  -- Null: a number nobody in the program has, in the program inbox for a supervisor.
  client_id uuid references client (id),
  direction text not null check (direction in ('out', 'in')),
  kind text not null check (kind in ('reminder', 'chw', 'keyword-reply', 'inbound')),
  -- The person's number in E.164 (null for a reminder refused for want of one).
  phone text,
  -- AES-256-GCM, bound to the row's id: a copy of the database alone reads no message.
  body_sealed text not null,
  segments integer not null default 0,
  status text not null check (status in ('queued', 'sent', 'delivered', 'undelivered', 'failed', 'refused', 'received')),
  -- Why a message was refused or failed: a code, never the provider's words (they can quote the number).
  reason text,
  provider text not null,
  provider_id text,
  appointment_id uuid references appointment (id),
  reminder_slot text,
  -- For a reminder: the appointment's time it was made for (moving the appointment makes a new one due).
  reminder_for timestamptz,
  template_id uuid references text_template (id),
  sent_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  status_at timestamptz not null default now(),
  unique (provider, provider_id)
);
create index text_message_client_idx on text_message (org_id, client_id, created_at) where client_id is not null;
create index text_message_inbox_idx on text_message (org_id, created_at) where client_id is null;
-- One reminder per appointment, slot and time, however many servers or passes find it due.
create unique index text_message_reminder_idx on text_message (org_id, appointment_id, reminder_slot, reminder_for)
  where kind = 'reminder';

-- Numbers that replied STOP: nothing is sent to them until they reply START, whoever's number it is.
create table text_opt_out (
  org_id uuid not null references organization (id),
  phone text not null,
  opted_out_at timestamptz not null default now(),
  primary key (org_id, phone)
);

-- A reminder's answer lands on its appointment: confirmed, or asked the CHW to call.
alter table appointment add column text_reply text check (text_reply in ('confirmed', 'call-me'));
alter table appointment add column text_reply_at timestamptz;

-- A text consent given by replying START has no staff member behind it.
alter table consent drop constraint consent_method_check;
alter table consent add constraint consent_method_check check (method in ('verbal', 'written', 'text-reply'));
alter table consent alter column recorded_by drop not null;
