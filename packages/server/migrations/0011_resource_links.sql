-- Private pages of directory services for one person (issue 5, "sharing with the person").
-- The services are kept as they were when shared, so a later import cannot change or break
-- the page. Only the token's hash is stored, as for safety-plan and topic links.
create table resource_link (
  token_hash text primary key,
  org_id uuid not null references organization (id),
  client_id uuid not null references client (id),
  language text not null check (language in ('en', 'es')),
  resources jsonb not null check (jsonb_typeof(resources) = 'array'),
  encounter_id uuid not null references encounter (id),
  -- The last day chosen, and the moment it ends in the program's time zone.
  expires_on date not null,
  expires_at timestamptz not null,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now()
);
create index resource_link_client_idx on resource_link (org_id, client_id);
