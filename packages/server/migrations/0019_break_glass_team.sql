-- The supervisor's team screen lists break-the-glass openings by the team that held the person
-- then (break_glass.team_id, 0015), no longer by who holds the person now.
create index break_glass_team_idx on break_glass (org_id, team_id, created_at);
