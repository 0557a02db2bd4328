-- Several `minyi serve` processes on one PostgreSQL each run the source
-- scheduler; a lease per source makes exactly one of them fetch a due source
-- (monitor/sources.cc). lease_until 0 (or past) means free; a process that
-- dies mid-fetch leaves a lease that simply expires.
ALTER TABLE monitor_sources ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE monitor_sources ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
