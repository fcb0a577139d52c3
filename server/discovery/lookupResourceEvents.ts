/**
 * Reads CloudTrail's event history (LookupEvents, the only CloudTrail call vpclens makes) for one
 * resource in one account and region, every page. CloudTrail allows about 2 LookupEvents calls per
 * second per account and region: callers send one at a time per account/region, and throttling is
 * retried by the SDK's adaptive mode like every other call.
 */
import { type Event, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail'

/** A generous bound: one resource rarely has more than a few hundred write events in a window. */
const MAX_PAGES = 40

export async function lookupResourceEvents(client: CloudTrailClient, resourceName: string, start: Date, end: Date):
  Promise<{ events: Event[]; truncated: boolean }> {
  const events: Event[] = []
  const seen = new Set<string>()
  let token: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await client.send(new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: resourceName }],
      StartTime: start, EndTime: end, MaxResults: 50,
      ...(token ? { NextToken: token } : {}),
    }))
    for (const e of out.Events ?? []) events.push(e)
    const next = out.NextToken
    // A token seen twice ends the loop (an emulator or a bug must not make us spin).
    if (!next || seen.has(next)) return { events, truncated: false }
    seen.add(next)
    token = next
  }
  return { events, truncated: true }
}
