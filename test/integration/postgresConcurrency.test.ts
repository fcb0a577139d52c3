/**
 * Several collector processes writing to one PostgreSQL store at once (issue 7): 4 processes × 20
 * versions of one shared environment, plus 20 of each one's own environment, interleaved. Every
 * version must be recorded exactly once, in one unbroken chain, and read back whole.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../server/store/postgresStore.ts'
import { contentHash, nthSnapshot } from '../contract/storeSnapshots.ts'
import { type PrivatePostgres, startPrivatePostgres } from '../contract/privatePostgres.ts'

const PROCESSES = 4
const VERSIONS = 20
const collector = fileURLToPath(new URL('./postgresCollector.ts', import.meta.url))

interface PutLine { env: string; hash: string; version: string; created: boolean }

let cluster: PrivatePostgres
let url: string
beforeAll(async () => {
  cluster = await startPrivatePostgres()
  url = await cluster.createDatabase('concurrency')
})
afterAll(async () => { await cluster?.stop() })

function startCollector(p: number): { child: ChildProcess; ready: Promise<void>; done: Promise<PutLine[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', collector, url, String(p), String(VERSIONS)], { stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: PutLine[] = []
  let stderr = ''
  child.stderr!.on('data', (d) => { stderr += d })
  let markReady!: () => void
  const ready = new Promise<void>((resolve) => { markReady = resolve })
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') markReady()
    else lines.push(JSON.parse(line) as PutLine)
  })
  const done = new Promise<PutLine[]>((resolve, reject) => child.once('exit', (code) => {
    if (code === 0) resolve(lines)
    else reject(new Error(`collector ${p} exited with ${code}: ${stderr}`))
  }))
  // A collector that dies before `ready` fails the test instead of leaving it waiting.
  const readyOrDied = Promise.race([ready, done.then(() => { throw new Error(`collector ${p} exited before ready`) })])
  return { child, ready: readyOrDied, done }
}

describe('PostgreSQL store, written by several processes at once', () => {
  it(`records ${PROCESSES} collectors × ${VERSIONS} versions exactly once each`, async () => {
    const collectors = Array.from({ length: PROCESSES }, (_, p) => startCollector(p))
    await Promise.all(collectors.map((c) => c.ready))
    for (const c of collectors) c.child.stdin!.end('go\n')
    const outputs = await Promise.all(collectors.map((c) => c.done))

    // Every put was a change, so every put created a version, and no two got the same id.
    const sharedPuts = outputs.flat().filter((l) => l.env === 'shared')
    expect(sharedPuts).toHaveLength(PROCESSES * VERSIONS)
    expect(sharedPuts.every((l) => l.created)).toBe(true)
    expect(new Set(sharedPuts.map((l) => l.version)).size).toBe(PROCESSES * VERSIONS)

    const store = openPostgresStore(url)
    try {
      const versions = await store.listVersions('shared')
      expect(versions.map((v) => v.id)).toEqual(Array.from({ length: PROCESSES * VERSIONS }, (_, i) => String(i + 1)))
      expect(versions.map((v) => v.parent)).toEqual([null, ...versions.slice(0, -1).map((v) => v.id)])
      const expected = Array.from({ length: PROCESSES }, (_, p) =>
        Array.from({ length: VERSIONS }, (_, i) => nthSnapshot(1000 + p * VERSIONS + i).hash)).flat()
      expect([...versions.map((v) => v.hash)].sort()).toEqual([...expected].sort())
      // Each process's own versions appear in the order it wrote them.
      for (let p = 0; p < PROCESSES; p++) {
        const mine = outputs[p].filter((l) => l.env === 'shared').map((l) => Number(l.version))
        expect(mine).toEqual([...mine].sort((a, b) => a - b))
      }
      for (const v of versions) expect(contentHash((await store.getSnapshot('shared', v.id))!)).toBe(v.hash)

      for (let p = 0; p < PROCESSES; p++) {
        const own = await store.listVersions(`own-${p}`)
        expect(own.map((v) => v.hash)).toEqual(Array.from({ length: VERSIONS }, (_, i) => nthSnapshot(i).hash))
        expect(contentHash((await store.getSnapshot(`own-${p}`, 'latest'))!)).toBe(own.at(-1)!.hash)
      }
      expect((await store.listEnvironments()).map((e) => [e.name, e.versionCount])).toEqual([
        ...Array.from({ length: PROCESSES }, (_, p) => [`own-${p}`, VERSIONS]), ['shared', PROCESSES * VERSIONS],
      ])
    } finally {
      await store.close()
    }
  })
})
