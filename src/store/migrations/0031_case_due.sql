-- The earliest deadline among a case's running clocks (sign, reply, close),
-- cached so the overdue list can select candidates in SQL. Written with every
-- transition and refreshed by the minute-by-minute reminder scan; NULL when
-- no clock runs (closed) or not computed yet. Deadlines only move later while
-- a case waits (pauses, extensions), so a stale value errs towards listing a
-- candidate that the exact clock check then drops.
ALTER TABLE cases ADD COLUMN due_at BIGINT;
CREATE INDEX cases_due ON cases(due_at);
