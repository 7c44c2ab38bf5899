-- Resource directory: an Open Referral HSDS 3.0 copy per Puente organization, a search
-- projection for CHWs, CHW flags and directory settings.
-- HSDS ids are kept as given (text) so re-importing updates rows in place. There are no
-- foreign keys between HSDS tables: published directories (the official examples too)
-- carry references to records they do not include.
create extension if not exists pg_trgm;

-- One table per HSDS entity: the link ids the directory joins on, and the record itself.
create table hsds_organization (
  org_id uuid not null references organization (id), id text not null, data jsonb not null,
  updated_at timestamptz not null default now(), primary key (org_id, id));
create table hsds_service (
  org_id uuid not null references organization (id), id text not null, organization_id text,
  data jsonb not null, last_verified_at timestamptz, updated_at timestamptz not null default now(),
  primary key (org_id, id));
create index hsds_service_org_idx on hsds_service (org_id, organization_id);
create table hsds_location (
  org_id uuid not null references organization (id), id text not null, organization_id text,
  data jsonb not null, primary key (org_id, id));
create table hsds_service_at_location (
  org_id uuid not null references organization (id), id text not null, service_id text, location_id text,
  data jsonb not null, primary key (org_id, id));
create index hsds_sal_service_idx on hsds_service_at_location (org_id, service_id);
create index hsds_sal_location_idx on hsds_service_at_location (org_id, location_id);
create table hsds_address (
  org_id uuid not null references organization (id), id text not null, location_id text,
  postal_code text, data jsonb not null, primary key (org_id, id));
create index hsds_address_location_idx on hsds_address (org_id, location_id);
create index hsds_address_postcode_idx on hsds_address (org_id, postal_code);
create table hsds_phone (
  org_id uuid not null references organization (id), id text not null, service_id text, location_id text,
  organization_id text, contact_id text, service_at_location_id text, data jsonb not null,
  primary key (org_id, id));
create index hsds_phone_service_idx on hsds_phone (org_id, service_id);
create index hsds_phone_location_idx on hsds_phone (org_id, location_id);
create table hsds_schedule (
  org_id uuid not null references organization (id), id text not null, service_id text, location_id text,
  service_at_location_id text, data jsonb not null, primary key (org_id, id));
create index hsds_schedule_service_idx on hsds_schedule (org_id, service_id);
create index hsds_schedule_location_idx on hsds_schedule (org_id, location_id);
create index hsds_schedule_sal_idx on hsds_schedule (org_id, service_at_location_id);
create table hsds_language (
  org_id uuid not null references organization (id), id text not null, service_id text, location_id text,
  phone_id text, data jsonb not null, primary key (org_id, id));
create index hsds_language_service_idx on hsds_language (org_id, service_id);
create index hsds_language_location_idx on hsds_language (org_id, location_id);
create table hsds_taxonomy (
  org_id uuid not null references organization (id), id text not null, data jsonb not null,
  primary key (org_id, id));
create table hsds_taxonomy_term (
  org_id uuid not null references organization (id), id text not null, taxonomy_id text, parent_id text,
  data jsonb not null, primary key (org_id, id));
create index hsds_taxonomy_term_taxonomy_idx on hsds_taxonomy_term (org_id, taxonomy_id);
create table hsds_attribute (
  org_id uuid not null references organization (id), id text not null, link_id text, taxonomy_term_id text,
  data jsonb not null, primary key (org_id, id));
create index hsds_attribute_link_idx on hsds_attribute (org_id, link_id);
create index hsds_attribute_term_idx on hsds_attribute (org_id, taxonomy_term_id);
create table hsds_cost_option (
  org_id uuid not null references organization (id), id text not null, service_id text,
  data jsonb not null, primary key (org_id, id));
create index hsds_cost_option_service_idx on hsds_cost_option (org_id, service_id);
create table hsds_service_area (
  org_id uuid not null references organization (id), id text not null, service_id text,
  data jsonb not null, primary key (org_id, id));
create index hsds_service_area_service_idx on hsds_service_area (org_id, service_id);
-- The HSDS tables Puente does not search (contact, funding, program, accessibility, ...),
-- kept whole so an export gives back everything that was imported.
create table hsds_extra (
  org_id uuid not null references organization (id), entity text not null, id text not null,
  data jsonb not null, primary key (org_id, entity, id));

-- What CHW search reads: one row per service at a location (or per service without one),
-- rebuilt from the HSDS tables after every import or edit.
create table directory_entry (
  org_id uuid not null references organization (id),
  id text not null,
  service_id text not null,
  location_id text,
  name_folded text not null,
  document tsvector not null,
  categories text[] not null default '{}',
  languages text[] not null default '{}',
  cost text check (cost in ('free', 'low')),
  min_age numeric,
  max_age numeric,
  latitude double precision,
  longitude double precision,
  postal_code text,
  week_hours int4multirange,
  last_verified_at timestamptz,
  primary key (org_id, id));
-- What a result shows, apart from the search columns so a search reads narrow rows
-- and fetches cards for one page only.
create table directory_card (
  org_id uuid not null references organization (id),
  id text not null,
  service_id text not null,
  card jsonb not null,
  primary key (org_id, id));
create index directory_card_service_idx on directory_card (org_id, service_id);
create index directory_entry_service_idx on directory_entry (org_id, service_id);
create index directory_entry_document_idx on directory_entry using gin (document);
create index directory_entry_name_trgm_idx on directory_entry using gin (name_folded gin_trgm_ops);
create index directory_entry_categories_idx on directory_entry using gin (categories);
create index directory_entry_position_idx on directory_entry (org_id, latitude, longitude);
create index directory_entry_postcode_idx on directory_entry (org_id, postal_code);

create table directory_setting (
  org_id uuid primary key references organization (id),
  hsds_public boolean not null default false,
  -- Anonymous HSDS callers address a public directory as /hsds/o/<public_slug>/...
  public_slug text unique check (public_slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  stale_after_months integer not null default 12 check (stale_after_months between 1 and 120)
);

-- "Number doesn't work / closed / wrong info", from a CHW, until an admin resolves it.
create table directory_flag (
  id uuid primary key,
  org_id uuid not null references organization (id),
  service_id text not null,
  reason text not null check (reason in ('phone-not-working', 'closed', 'wrong-info')),
  note text,
  flagged_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references app_user (id),
  resolution text check (resolution in ('fixed', 'dismissed')));
create index directory_flag_open_idx on directory_flag (org_id, created_at) where resolved_at is null;
create index directory_flag_service_idx on directory_flag (org_id, service_id);
