/**
 * SQLite layout. Resource-level content addressing: a resource's content is stored once per distinct
 * hash, and `spans` says from which version until which version an id had that content. A version is
 * the set of spans open at its number, so storage grows with changes, not with the number of versions,
 * and one resource's history is a single indexed query.
 */
export const SQLITE_SCHEMA_VERSION = 1

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
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
`

/**
 * Added later, without a schema version bump: derived data (analysis facts per snapshot content),
 * a cache that can always be recomputed from the versions. Created when the store is opened for
 * writing; a read-only store without it simply has nothing cached.
 */
export const SQLITE_DERIVED_SCHEMA = `
CREATE TABLE IF NOT EXISTS derived (
  key TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS derived_hash ON derived (hash);
`
