import { isTimeSpec, resolveVersion, VersionSpecError, type VersionPoint } from '../../../shared/index.ts'

export type VersionChoice = { id: string | null; error: null } | { id: null; error: string }

/**
 * A version named in the address bar (`version=`, `from=`, `to=`) among the versions listed: an id
 * that exists, `latest`, or a time (`2026-11-28T02:10Z`, `2h ago`: the version current then, by the
 * same rules as the CLI and the API). `{ id: null, error: null }` for nothing or an id not listed
 * (the caller falls back to its default); an error for a time that names no version, so that the
 * page says so rather than showing another version.
 */
export function versionInList(spec: string | null, versions: readonly VersionPoint[], now: number): VersionChoice {
  if (spec === null || versions.length === 0) return { id: null, error: null }
  if (versions.some((v) => v.id === spec)) return { id: spec, error: null }
  if (spec === 'latest') return { id: versions.at(-1)!.id, error: null }
  if (!isTimeSpec(spec)) return { id: null, error: null }
  try {
    const id = resolveVersion(spec, versions, now).id
    return { id: id === 'latest' ? versions.at(-1)!.id : id, error: null }
  } catch (e) {
    if (e instanceof VersionSpecError) return { id: null, error: e.message }
    throw e
  }
}
