/**
 * PostgreSQL layout: the same tables as SQLite (see sqliteSchema.ts), so both stores share one
 * meaning of environments, versions, content-addressed bodies and spans. JSON columns stay TEXT so a
 * snapshot reads back byte for byte as it was written (jsonb would reorder keys).
 */
export const POSTGRES_SCHEMA_VERSION = 1

/** Held while creating tables: several collectors starting at once must not race on CREATE TABLE. */
export const SCHEMA_LOCK_KEY = 0x7670636c // "vpcl"
/** Taken shared by every put and exclusively by prune (which deletes bodies puts may be reusing). */
export const PRUNE_LOCK_KEY = 0x7670636d

export const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS vpclens_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS environments (
  name TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
  env TEXT NOT NULL REFERENCES environments(name),
  seq INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  parent INTEGER,
  source TEXT NOT NULL,
  counts TEXT NOT NULL,
  warnings TEXT NOT NULL,
  accounts TEXT NOT NULL,
  regions TEXT NOT NULL,
  PRIMARY KEY (env, seq)
);
CREATE TABLE IF NOT EXISTS bodies (
  hash TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS spans (
  env TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES bodies(hash),
  from_seq INTEGER NOT NULL,
  until_seq INTEGER,
  PRIMARY KEY (env, resource_id, from_seq)
);
CREATE INDEX IF NOT EXISTS spans_open ON spans (env, until_seq);
CREATE INDEX IF NOT EXISTS spans_from ON spans (env, from_seq);
-- Added later without a schema version bump: derived data (analysis facts per snapshot content), a
-- cache that can always be recomputed from the versions.
CREATE TABLE IF NOT EXISTS derived (
  key TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS derived_hash ON derived (hash);
`
