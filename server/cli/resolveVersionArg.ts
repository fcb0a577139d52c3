import { isTimeSpec, resolveVersion, VersionSpecError } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { CliError } from './CliError.ts'

/**
 * A version argument (`3`, `latest`, `2026-11-28T02:10Z`, `2h ago`) as a version id or `latest`, for
 * `what` (the flag or argument, named in errors). A time is resolved against the environment's
 * versions now, and the choice is said on stderr: an incident responder must see which version
 * stands for the time they gave.
 */
export async function resolveVersionArg(store: SnapshotStore, env: string, spec: string, what: string): Promise<string> {
  const versions = isTimeSpec(spec) ? await store.listVersions(env) : []
  let resolved
  try {
    resolved = resolveVersion(spec, versions, Date.now())
  } catch (e) {
    if (e instanceof VersionSpecError) throw new CliError(`${what}: ${e.problem === 'no_versions' ? `environment ${env} has no versions` : e.message}`)
    throw e
  }
  if (resolved.at !== undefined) {
    const v = versions.find((x) => x.id === resolved.id)!
    const caution = resolved.afterLastCheck ? `; it was last checked ${v.checkedAt}, and a change after that would not be recorded yet` : ''
    process.stderr.write(`${what} ${spec} (${resolved.at}): version ${v.id} of ${env}, recorded ${v.createdAt}${caution}\n`)
  }
  return resolved.id
}
