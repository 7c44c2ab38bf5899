-- A page the phone says it lost may have been kept in part: a tab closed, or the phone's
-- storage ran out, half-way through keeping it. Its additions and removals become `unsure`
-- instead of being undone: a person the caller may still see comes again whole, and one
-- the caller may no longer see is named in `removed`, whatever the phone kept of the page.
alter table sync_holding drop constraint sync_holding_state_check;
alter table sync_holding add constraint sync_holding_state_check
  check (state in ('held', 'adding', 'removing', 'unsure'));
