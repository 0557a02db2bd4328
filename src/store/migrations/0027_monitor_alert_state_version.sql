-- Several processes (web servers, `minyi worker`s) decide alerts from one
-- shared policy state. Each decision takes the state row's lock, and the
-- version tells a process whether another one changed the state since it
-- last wrote, so it reloads only then (monitor/alert_policy.h AlertRunner).
ALTER TABLE monitor_alert_state ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
