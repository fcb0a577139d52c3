/** Request and response shapes of the HTTP API. */
import Type, { type Static } from 'typebox'
import { ServedPolicy } from './policy.ts'
import { EnvironmentSummary, VersionSummary, ENV_NAME_PATTERN, VersionSpecString } from './versions.ts'

export const EnvParams = Type.Object({ env: Type.String({ pattern: ENV_NAME_PATTERN }) })
export const VersionParams = Type.Object({
  env: Type.String({ pattern: ENV_NAME_PATTERN }),
  version: VersionSpecString,
})
export const ResourceParams = Type.Object({
  env: Type.String({ pattern: ENV_NAME_PATTERN }),
  version: VersionSpecString,
  id: Type.String({ minLength: 1, maxLength: 2048 }),
})

export const EnvironmentList = Type.Object({
  environments: Type.Array(EnvironmentSummary),
  /** Only with `serve --policy`: the policy findings and exposures are marked with. */
  policy: Type.Optional(ServedPolicy),
})
export type EnvironmentList = Static<typeof EnvironmentList>
export const VersionList = Type.Object({ versions: Type.Array(VersionSummary) })
export type VersionList = Static<typeof VersionList>

export const ApiError = Type.Object({ code: Type.String(), message: Type.String() })
export type ApiError = Static<typeof ApiError>
