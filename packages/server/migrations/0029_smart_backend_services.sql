-- SMART Backend Services for the FHIR API: a clinic's system registers its public keys (a JWKS)
-- and the SMART v2 scopes it may be granted, signs a JWT assertion at the token endpoint and
-- gets a short-lived access token. The static secret keeps working for a deprecation period;
-- registering keys retires it, so a client has one way in, never two.
alter table fhir_client alter column secret_hash drop not null;
alter table fhir_client add column jwks jsonb;
-- The most a token of this client may carry (SMART v2 `system/` scopes); null: every read scope.
alter table fhir_client add column scopes text[];
alter table fhir_client add constraint fhir_client_credential check (secret_hash is not null or jwks is not null);

-- Access tokens are random and kept hashed, like sessions: revoking the client ends them at once.
create table fhir_access_token (
  token_hash text primary key,
  org_id uuid not null references organization (id),
  fhir_client_id uuid not null references fhir_client (id),
  scopes text[] not null,
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index fhir_access_token_expiry_idx on fhir_access_token (expires_at);

-- Each assertion's jti is used once while the assertion could still be valid (it expires within minutes).
create table fhir_assertion_jti (
  org_id uuid not null references organization (id),
  fhir_client_id uuid not null references fhir_client (id),
  jti text not null,
  expires_at timestamptz not null,
  primary key (fhir_client_id, jti)
);
create index fhir_assertion_jti_expiry_idx on fhir_assertion_jti (expires_at);
