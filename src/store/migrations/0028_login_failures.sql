-- Failed logins, per (name, address) and per address, shared by every web
-- server process on the database so the limit holds behind a load-balancing
-- proxy. Rows older than the limiter's window are deleted as new ones come.
CREATE TABLE login_failures (
  id @PK@,
  bucket TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_bucket ON login_failures(bucket, at);
CREATE INDEX login_failures_at ON login_failures(at);
