import { describe, expect, it } from 'vitest'
import type { Resource } from '../../shared/index.ts'
import { canonicalJson } from '../../server/snapshot/canonicalJson.ts'
import { hashResource } from '../../server/snapshot/hashSnapshot.ts'

/**
 * Stores address resources by the hash of their canonical text, and a diff between a version an
 * earlier vpclens recorded and a new one compares those hashes: if the text of an unchanged resource
 * changed, every resource would look changed. These literals were produced by the canonical form
 * every earlier version used; a faster canonicalize must keep them exactly.
 */
describe('canonical text', () => {
  const resource = {
    raw: {
      Tags: [{ Value: 'b', Key: 'z' }, { Key: 'a', Value: 'x' }], LaunchTime: new Date(0), Groups: [{ GroupName: 'web', GroupId: 'sg-1' }],
      Ports: [443, 22, 80], Empty: [], Gone: undefined, When: new Date(Date.UTC(2026, 0, 2)), Nested: [[2, 1], [1, 3]], Big: 10n,
    },
    id: 'eni-1',
    kind: 'network-interface',
  }

  it('sorts keys and lists, drops volatile and undefined fields, writes dates and bigints as text', () => {
    expect(canonicalJson(resource)).toBe('{"id":"eni-1","kind":"network-interface","raw":{"Big":"10","Empty":[],"Groups":[{"GroupId":"sg-1","GroupName":"web"}],'
      + '"Nested":[[1,2],[1,3]],"Ports":[22,443,80],"Tags":[{"Key":"a","Value":"x"},{"Key":"z","Value":"b"}],"When":"2026-01-02T00:00:00.000Z"}}')
  })

  it('hashes to what earlier versions stored', () => {
    expect(hashResource(resource as unknown as Resource)).toBe('c374c5700cfb1d684a26d7bb4c0b17b4019fad1478708a0c587e57d774a19246')
  })
})
