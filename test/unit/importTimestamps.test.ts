import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { reviveTimestamps } from '../../server/import/reviveTimestamps.ts'
import { SDK_TIMESTAMP_MEMBERS } from '../../server/import/sdkTimestampMembers.ts'

/** Every member the installed EC2 and ELBv2 SDKs declare as `Date`, read from their type declarations. */
function timestampMembersOfInstalledSdk(): string[] {
  const names = new Set<string>()
  for (const pkg of ['client-ec2', 'client-elastic-load-balancing-v2']) {
    const dir = join('node_modules', '@aws-sdk', pkg, 'dist-types', 'models')
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.d.ts'))) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/^\s+([A-Z][A-Za-z0-9]*)\?: Date( \| undefined)?;/gm)) names.add(m[1])
    }
  }
  return [...names].sort()
}

describe('timestamps in AWS CLI output', () => {
  it('knows the same timestamp members as the installed SDK', () => {
    expect([...SDK_TIMESTAMP_MEMBERS].sort()).toEqual(timestampMembersOfInstalledSdk())
  })

  it('turns every CLI timestamp format into the Date the SDK returns, and leaves look-alike text alone', () => {
    const cli = {
      NetworkInterfaces: [{
        Attachment: { AttachTime: '2026-05-01T10:00:00+00:00' },
        Description: '2026-05-01T10:00:00+00:00',
        TagSet: [{ Key: 'built', Value: '2026-05-01T10:00:00Z' }],
      }],
      LaunchTime: '2026-05-01T10:00:00.000Z',
      CreateTime: '2026-05-01T10:00:00.000000',
    }
    const out = reviveTimestamps(cli) as any
    const expected = new Date('2026-05-01T10:00:00.000Z')
    expect(out.NetworkInterfaces[0].Attachment.AttachTime).toEqual(expected)
    expect(out.LaunchTime).toEqual(expected)
    expect(out.CreateTime).toEqual(expected)
    expect(out.NetworkInterfaces[0].Description).toBe('2026-05-01T10:00:00+00:00')
    expect(out.NetworkInterfaces[0].TagSet[0].Value).toBe('2026-05-01T10:00:00Z')
  })
})
