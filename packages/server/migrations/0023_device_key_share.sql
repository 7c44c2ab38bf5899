-- No lost offline work (issue 14). A phone's data key is wrapped twice: by its
-- PIN and by a key derived from a random per-device secret kept here, which the
-- server hands back only to a fresh password sign-in made on that phone (a
-- forgotten PIN is then recovered without losing the changes waiting on it).
-- The browser never stores the secret. An admin can disable a device: its next
-- contact tells it to erase its copy.
alter table sync_device add column key_share text;
alter table sync_device add column disabled_at timestamptz;
alter table sync_device add column disabled_by uuid references app_user (id);

-- The device the password sign-in that made this session was typed on (the
-- phone sends the id of the copy it holds, when it holds one).
alter table session add column device_id uuid;
