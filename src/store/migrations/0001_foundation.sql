-- Foundation: organization, units, accounts, sessions, audit chain.
CREATE TABLE organization (
  id @PK@,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

-- Units form a tree: departments, villages, communities, schools.
CREATE TABLE units (
  id @PK@,
  parent_id BIGINT REFERENCES units(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  sort_order BIGINT NOT NULL DEFAULT 0,
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  UNIQUE (parent_id, name)
);

CREATE TABLE users (
  id @PK@,
  name TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  phone TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);

-- Only a hash of the session token is stored, so a copy of the database
-- cannot be used to take over sessions.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Append-only, hash-chained: hash = SHA-256(prev_hash | fields). The head
-- table records the count and last hash so that deleting trailing rows is
-- detected as well.
CREATE TABLE audit_log (
  id @PK@,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE audit_head (
  id BIGINT PRIMARY KEY,
  count BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head(id, count, last_hash) VALUES (1, 0, '');

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
