/** The web's shared version cache: one load per (part, env, version, hash), shared in flight, per-caller aborts. */
import { beforeEach, describe, expect, it } from 'vitest'
import { cachedVersionQuery, clearVersionCache, rememberVersionHashes } from '../../web/src/api/versionCache.ts'

/** A load whose completion the test controls, counting calls and recording its signal. */
function loader() {
  const calls: { signal: AbortSignal; resolve: (v: string) => void; reject: (e: Error) => void }[] = []
  const load = (signal: AbortSignal) => new Promise<string>((resolve, reject) => { calls.push({ signal, resolve, reject }) })
  return { calls, load }
}

beforeEach(() => {
  clearVersionCache()
  rememberVersionHashes('prod', [{ id: '1', hash: 'h1' }, { id: '2', hash: 'h2' }])
})

describe('cachedVersionQuery', () => {
  it('loads a version part once for every caller, in flight and after', async () => {
    const { calls, load } = loader()
    const a = cachedVersionQuery('graph', 'prod', '1', load, new AbortController().signal)
    const b = cachedVersionQuery('graph', 'prod', '1', load)
    expect(calls).toHaveLength(1)
    calls[0].resolve('graph v1')
    expect(await a).toBe('graph v1')
    expect(await b).toBe('graph v1')
    expect(await cachedVersionQuery('graph', 'prod', '1', load)).toBe('graph v1')
    expect(calls).toHaveLength(1)
    // Another part, version or environment is another load.
    void cachedVersionQuery('findings', 'prod', '1', load)
    void cachedVersionQuery('graph', 'prod', '2', load)
    void cachedVersionQuery('graph', 'staging', '1', load)
    expect(calls).toHaveLength(4)
  })

  it('loads again when the version list reports another content hash, and never caches latest', async () => {
    const { calls, load } = loader()
    const first = cachedVersionQuery('graph', 'prod', '1', load)
    calls[0].resolve('old')
    await first
    rememberVersionHashes('prod', [{ id: '1', hash: 'rebuilt' }])
    const second = cachedVersionQuery('graph', 'prod', '1', load)
    expect(calls).toHaveLength(2)
    calls[1].resolve('new')
    expect(await second).toBe('new')
    void cachedVersionQuery('graph', 'prod', 'latest', load)
    void cachedVersionQuery('graph', 'prod', 'latest', load)
    expect(calls).toHaveLength(4)
  })

  it('an aborting caller leaves the others their answer; the load stops only when all have gone', async () => {
    const { calls, load } = loader()
    const one = new AbortController(), two = new AbortController()
    const a = cachedVersionQuery('graph', 'prod', '1', load, one.signal)
    const b = cachedVersionQuery('graph', 'prod', '1', load, two.signal)
    one.abort(new Error('view closed'))
    await expect(a).rejects.toThrow('view closed')
    expect(calls[0].signal.aborted).toBe(false)
    calls[0].resolve('graph')
    expect(await b).toBe('graph')

    const three = new AbortController()
    const c = cachedVersionQuery('findings', 'prod', '1', load, three.signal)
    three.abort(new Error('gone'))
    await expect(c).rejects.toThrow('gone')
    expect(calls[1].signal.aborted).toBe(true)
    // Forgotten: the next caller loads again.
    void cachedVersionQuery('findings', 'prod', '1', load)
    expect(calls).toHaveLength(3)
  })

  it('does not cache a failure', async () => {
    const { calls, load } = loader()
    const a = cachedVersionQuery('graph', 'prod', '2', load)
    calls[0].reject(new Error('502 Bad Gateway'))
    await expect(a).rejects.toThrow('502 Bad Gateway')
    const b = cachedVersionQuery('graph', 'prod', '2', load)
    expect(calls).toHaveLength(2)
    calls[1].resolve('graph v2')
    expect(await b).toBe('graph v2')
  })
})
