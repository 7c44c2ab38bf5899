-- A program's own words for the directory search (issue 18): "la pulga" means "flea market",
-- "Healthy Start" means "prenatal care". Searched as what they mean, beside the lexicon in core.
create table directory_synonym (
  id uuid primary key,
  org_id uuid not null references organization (id) on delete cascade,
  term text not null check (length(term) between 1 and 80),
  -- The term as search compares it (folded, stemmed, stop words gone): one synonym per term.
  term_key text not null check (length(term_key) > 0),
  means text not null check (length(means) between 1 and 200),
  created_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (org_id, term_key)
);

-- The lexicon's concepts enter the search documents: the back-fill (0034_directory_synonyms.ts)
-- rebuilds every service's entries, a batch at a time, so words already indexed find theirs.
