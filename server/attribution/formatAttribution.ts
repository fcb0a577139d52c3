import type { Attribution, AttributionEvent, ResourceAttribution } from '../../shared/index.ts'

/** `AuthorizeSecurityGroupIngress at 2026-11-28T02:07:12Z by arn:… from 203.0.113.9 (aws-cli/2.15)`; raw, untrusted text. */
export function eventText(e: AttributionEvent): string {
  const who = e.principalArn ?? e.userName ?? 'an unknown principal'
  return `${e.eventName} at ${e.eventTime.replace(/\.000Z$/, 'Z')} by ${who}` +
    `${e.sourceIp ? ` from ${e.sourceIp}` : ''}${e.userAgent ? ` (${e.userAgent})` : ''}`
}

/** One line per event, or one line saying why there is none. Raw text: the caller escapes it for its medium. */
export function attributionLines(r: ResourceAttribution): string[] {
  if (r.state === 'not-available') return [`who: not available: ${r.reason ?? 'unknown reason'}`]
  if (r.state === 'none-found') return [`who: none found: ${r.reason ?? ''}`]
  return [...r.events.map((e) => `who: ${eventText(e)}`), ...(r.reason ? [`note: ${r.reason}`] : [])]
}

/** The title of an attribution section: what was searched, and when. */
export function attributionHeading(a: Attribution): string {
  return `CloudTrail management events, ${a.window.start} → ${a.window.end} (looked up ${a.lookedUpAt})`
}

export const attributionById = (a: Attribution | undefined) => new Map((a?.resources ?? []).map((r) => [r.resourceId, r]))
