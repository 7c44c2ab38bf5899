-- The program's logo (issue 17's first-run checklist): one picture per organization, kept in the
-- database with everything else so a backup carries it. Its version changes with every new picture,
-- so phones and browsers fetch it again only then.
create table program_logo (
  org_id uuid primary key references organization (id),
  media_type text not null check (media_type in ('image/png', 'image/jpeg', 'image/webp')),
  image bytea not null check (octet_length(image) <= 204800),
  version text not null,
  updated_by uuid not null references app_user (id),
  updated_at timestamptz not null default now()
);
