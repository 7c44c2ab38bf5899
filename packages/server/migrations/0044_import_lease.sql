-- An import runs after its answer has gone, in the server that started it (issue 17). While it runs
-- that server renews this lease; a run whose lease has lapsed (the server stopped or restarted part
-- way) is reported as interrupted instead of running forever. The lease goes when the run finishes.
create table import_lease (
  run_id uuid primary key,
  org_id uuid not null references organization (id),
  renewed_at timestamptz not null default now()
);
