-- A clinic's system may publish its keys at a JWKS URL instead of registering them inline, so it
-- rotates keys without asking the program's admin (SMART Backend Services: "jwks_uri").
alter table fhir_client add column jwks_url text;
alter table fhir_client drop constraint fhir_client_credential;
alter table fhir_client add constraint fhir_client_credential
  check (secret_hash is not null or jwks is not null or jwks_url is not null);
