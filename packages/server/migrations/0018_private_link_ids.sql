-- A private link gets an id of its own, so staff can list and revoke it without ever handling its
-- token or the token's hash (the primary key, which must never leave the database).
-- gen_random_uuid() is volatile: every existing row gets a different id.
alter table safety_plan_share add column id uuid not null default gen_random_uuid();
create unique index safety_plan_share_id_idx on safety_plan_share (id);
alter table education_share add column id uuid not null default gen_random_uuid();
create unique index education_share_id_idx on education_share (id);
alter table resource_link add column id uuid not null default gen_random_uuid();
create unique index resource_link_id_idx on resource_link (id);
