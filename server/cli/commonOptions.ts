import { resolve } from 'node:path'
import type { Command } from 'commander'
import { PolicyError } from '../policy/PolicyError.ts'
import type { Policy } from '../policy/Policy.ts'
import { readPolicyFile } from '../policy/readPolicyFile.ts'
import { openStoreAt } from '../store/openStoreAt.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { CliError } from './CliError.ts'

export interface CommonOptions { dataDir?: string; store?: string; env?: string; json?: boolean; version?: string; policy?: string }

export const withDataDir = (c: Command) =>
  c.option('--data-dir <dir>', 'where snapshots are stored (env VPCLENS_DATA_DIR, default ./snapshots)')
    .option('--store <url>', 'a PostgreSQL store, postgres://user@host/db (env VPCLENS_STORE); default: SQLite in the data dir')
export const withEnv = (c: Command) => c.option('--env <name>', 'environment (default: the only or most recently updated one)')
export const withJson = (c: Command) => c.option('--json', 'machine-readable output on stdout')

export const withPolicy = (c: Command) => c.option('--policy <file>', 'apply a policy file (vpclens.policy.yaml): accepted findings and exposures, scopes that must hold')

/** The `--policy` file read and checked, or undefined without the flag; a malformed file is one CliError (exit 2). */
export function loadPolicy(opts: CommonOptions): Policy | undefined {
  if (opts.policy === undefined) return undefined
  try {
    return readPolicyFile(opts.policy)
  } catch (e) {
    if (e instanceof PolicyError) throw new CliError(`--policy: ${e.message}`)
    throw e
  }
}

export function dataDirOf(opts: CommonOptions): string {
  return resolve(opts.dataDir ?? process.env.VPCLENS_DATA_DIR ?? 'snapshots')
}

/** SQLite in the data dir, or PostgreSQL when `--store`/VPCLENS_STORE gives a postgres:// URL. */
export function openStore(opts: CommonOptions): SnapshotStore {
  return openStoreAt({ url: opts.store ?? process.env.VPCLENS_STORE, dataDir: dataDirOf(opts) })
}

/** The environment a command works on: the one named, else the only one, else the most recently updated. */
export async function resolveEnv(store: SnapshotStore, opts: CommonOptions): Promise<string> {
  const envs = await store.listEnvironments()
  if (opts.env) {
    if (!envs.some((e) => e.name === opts.env)) {
      throw new CliError(`--env: no environment named ${opts.env} (known: ${envs.map((e) => e.name).join(', ') || 'none'})`)
    }
    return opts.env
  }
  if (envs.length === 0) throw new CliError('no environments stored yet: run `vpclens demo`, `vpclens discover` or `vpclens import` first')
  return [...envs].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))[0]!.name
}
