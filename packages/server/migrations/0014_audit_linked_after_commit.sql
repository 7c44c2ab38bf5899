-- Audit events are appended without waiting for anyone, and linked into the
-- organization's hash chain just after they commit (by the server's linker,
-- every couple of seconds, and before every check of the chain).
--
-- Until now each event took the organization's chain lock and held it until
-- its transaction committed, so every audited request of an organization (and
-- every read of a person's record is audited) ran one at a time.
--
-- seq: the order events were written in, from one sequence (unique, no lock).
-- link: the event's place in its organization's chain, 1, 2, 3…, with
-- prev_hash and hash; null until linked. Events already written were linked
-- in seq order, so their link is their seq: set in batches after this commits
-- (src/db/backfills/0014_audit_linked_after_commit.ts), not here, so a long
-- trail is never held for the whole rewrite.

create sequence audit_event_seq as bigint owned by audit_event.seq;
select setval('audit_event_seq', coalesce((select max(seq) from audit_event), 0) + 1, false);
alter table audit_event alter column seq set default nextval('audit_event_seq');

alter table audit_event add column link bigint;
alter table audit_event alter column prev_hash drop not null, alter column hash drop not null;
-- Checked on every row written from now on; the back-fill checks the rows already there
-- (validate constraint) once it has given them their link.
alter table audit_event add constraint audit_event_linked_whole check (
  (link is null and prev_hash is null and hash is null)
  or (link is not null and prev_hash is not null and hash is not null)) not valid;

-- Its two indexes, audit_event_link_idx and audit_event_unlinked_idx, are built after this
-- commits, concurrently (src/db/backfills/0014_audit_linked_after_commit.ts).

-- Still append-only: the one change allowed is linking an unlinked event,
-- which fills in its place and hashes and touches nothing it recorded (the
-- back-fill's change to the events already written is such a change).
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.link is null and new.link is not null
     and (new.org_id, new.seq, new.at, new.actor_id, new.actor_role, new.action,
          new.subject_type, new.subject_id, new.ip, new.detail)
         is not distinct from
         (old.org_id, old.seq, old.at, old.actor_id, old.actor_role, old.action,
          old.subject_type, old.subject_id, old.ip, old.detail) then
    return new;
  end if;
  raise exception 'audit_event is append-only';
end;
$$;
