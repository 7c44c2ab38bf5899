-- One consent and access policy (issue 13): what a consent to share covers, partners linked
-- to services, break-the-glass remembered by the team that held the person, private links
-- and bulk exports that a withdrawal can reach, and the small-count threshold of reports.

-- A consent to share names the data kinds it covers; rows made before this shared the minimum.
alter table consent add column data_kinds text[];
update consent set data_kinds = '{identity,contact,referral}' where kind = 'share';
alter table consent add constraint consent_data_kinds_share check ((kind = 'share') = (data_kinds is not null));

-- A partner user answers for the directory services it is linked to (not a whole organization:
-- a pantry and a legal clinic can share one). Existing links cover their organization's services.
create table partner_service (
  user_id uuid not null references app_user (id),
  org_id uuid not null references organization (id),
  service_id text not null,
  linked_by uuid not null references app_user (id),
  linked_at timestamptz not null default now(),
  primary key (user_id, service_id)
);
create index partner_service_service_idx on partner_service (org_id, service_id);
insert into partner_service (user_id, org_id, service_id, linked_by, linked_at)
  select pa.user_id, pa.org_id, s.id, pa.linked_by, pa.linked_at
    from partner_account pa join hsds_service s on s.org_id = pa.org_id and s.organization_id = pa.hsds_organization_id;

-- The team that held the person when the glass was broken: the team screen lists it there
-- even after the person moves.
alter table break_glass add column team_id uuid references team (id);
update break_glass b set team_id = (
  select tm.team_id from client c join team_member tm on tm.user_id = c.assigned_chw_id
   where c.id = b.client_id order by tm.team_id limit 1);

-- Private links can be revoked (by a CHW, or by a withdrawal of consent).
alter table safety_plan_share add column revoked_at timestamptz, add column revoked_by uuid references app_user (id);
alter table education_share add column revoked_at timestamptz, add column revoked_by uuid references app_user (id);
alter table resource_link add column revoked_at timestamptz, add column revoked_by uuid references app_user (id);

-- Who is in each bulk export, so a withdrawal can delete the files that hold the person.
create table fhir_export_person (
  export_id uuid not null references fhir_export (id) on delete cascade,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  primary key (export_id, client_id)
);
create index fhir_export_person_client_idx on fhir_export_person (org_id, client_id);

-- Counts under this are suppressed in every report figure (never below 5).
alter table program_setting add column small_count_threshold integer not null default 11
  check (small_count_threshold between 5 and 100);
