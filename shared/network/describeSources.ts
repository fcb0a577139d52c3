import { breadthOfCount } from './breadth.ts'
import { internetAddressCount, internetMissing, INTERNET_V4_SIZE, INTERNET_V6_SIZE, WORLD_IPV4, WORLD_IPV6 } from './internet.ts'
import { parseCidr } from './parseCidr.ts'
import { rangeCidrs } from './rangeCidrs.ts'

/** How many blocks an "except" lists before it counts the rest. */
const EXCEPT_SHOWN = 3

/**
 * Sources as a reviewer reads them, one part per family: the whole internet reads
 * `0.0.0.0/0 (the internet)` (and `::/0 (the internet)`) however many rules and blocks make it up
 * (`0.0.0.0/1` + `128.0.0.0/1`, or the public ranges around private space); world-wide sources that
 * miss a few internet blocks read `0.0.0.0/0 (the internet) except 45.155.205.0/24`; anything
 * narrower is its CIDRs. Sources that are not CIDRs (prefix lists) are kept as written.
 * Machine output (--json) keeps the CIDRs themselves.
 */
export function describeSources(sources: readonly string[]): string[] {
  const v4: string[] = [], v6: string[] = [], other: string[] = []
  for (const s of sources) {
    const c = parseCidr(s)
    if (!c) other.push(s)
    else (c.family === 4 ? v4 : v6).push(s)
  }
  return [...family(4, v4), ...family(6, v6), ...other]
}

function family(f: 4 | 6, cidrs: string[]): string[] {
  if (cidrs.length === 0) return []
  const count = internetAddressCount(cidrs)
  const n = f === 4 ? count.v4 : count.v6
  if (breadthOfCount(f === 4 ? { v4: n, v6: 0n } : { v4: 0n, v6: n }) !== 'world') return cidrs
  const world = `${f === 4 ? WORLD_IPV4 : WORLD_IPV6} (the internet)`
  if (n === (f === 4 ? INTERNET_V4_SIZE : INTERNET_V6_SIZE)) return [world]
  const missing = internetMissing(cidrs)[f === 4 ? 'v4' : 'v6'].flatMap((r) => rangeCidrs(f, r))
  const shown = missing.slice(0, EXCEPT_SHOWN).join(', ')
  return [`${world} except ${shown}${missing.length > EXCEPT_SHOWN ? ` and ${missing.length - EXCEPT_SHOWN} more blocks` : ''}`]
}

/** The same as one line for tables and summaries: at most `shown` parts, then how many more. */
export function sourcesText(sources: readonly string[], shown = 3): string {
  const parts = describeSources(sources)
  if (parts.length === 0) return 'nowhere'
  return parts.length > shown + 1 ? `${parts.slice(0, shown).join(', ')} and ${parts.length - shown} more` : parts.join(', ')
}
