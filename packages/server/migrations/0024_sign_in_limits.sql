-- Limits that hold under bursts (issue 15). Each row counts attempts for one
-- key: an address, all addresses together, an email that has no account, or
-- any other path that checks a secret (2FA codes). A request reserves its
-- attempt here, in one statement under the row's lock, before any password
-- is hashed, so parallel requests cannot all slip past a limit. Keys hold no
-- personal data: emails and addresses are hashed before they become keys.
create table auth_limit (
  key text primary key,
  attempts integer not null,
  -- The window the attempts count in; after it the count starts again.
  window_ends_at timestamptz not null,
  -- Slowed down: the next attempt may not start before this.
  next_attempt_at timestamptz,
  -- Blocked: the limit was reached; nothing is checked before this.
  blocked_until timestamptz
);
create index auth_limit_window_idx on auth_limit (window_ends_at);
