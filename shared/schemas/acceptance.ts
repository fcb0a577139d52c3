/**
 * The mark a policy's acceptance puts on a finding, an exposure or a scope violation it covers
 * (server/policy): which `accept:` entry, and the reason and owner the team wrote. Untrusted text
 * (it comes from the policy file): shown as text, never markup.
 */
import Type, { type Static } from 'typebox'

export const AcceptanceMark = Type.Object({
  /** 0-based position in the policy's `accept:` list. */
  index: Type.Integer({ minimum: 0 }),
  /** 1-based line of the entry in the policy file. */
  line: Type.Integer({ minimum: 1 }),
  reason: Type.String(),
  owner: Type.String(),
  /** Last day (UTC, YYYY-MM-DD) the acceptance applies. */
  expires: Type.Optional(Type.String()),
})
export type AcceptanceMark = Static<typeof AcceptanceMark>
