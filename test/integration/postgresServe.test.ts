/**
 * The team store through the command line: `--store postgres://…` writes versions with `demo`, and
 * two `serve` processes read the same database at once (servers hold no state of their own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, startServe } from '../api/securityProcess.ts'
import { type PrivatePostgres, startPrivatePostgres } from '../contract/privatePostgres.ts'

let cluster: PrivatePostgres
let url: string
beforeAll(async () => {
  cluster = await startPrivatePostgres()
  url = await cluster.createDatabase('team')
})
afterAll(async () => { await cluster?.stop() })

describe('PostgreSQL store from the CLI', () => {
  it('stores with --store, reads through VPCLENS_STORE from two servers at once', async () => {
    const first = await runCli(['demo', '--store', url, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const summary = JSON.parse(first.stdout)
    expect(summary).toMatchObject({ env: 'demo', created: true })
    const again = await runCli(['demo', '--json'], { VPCLENS_STORE: url })
    expect(JSON.parse(again.stdout)).toMatchObject({ env: 'demo', version: summary.version, created: false })

    const servers = await Promise.all([startServe([], { VPCLENS_STORE: url }), startServe([], { VPCLENS_STORE: url })])
    try {
      for (const s of servers) {
        const envs = await (await fetch(`${s.url}/api/environments`)).json()
        expect(envs.environments).toEqual([expect.objectContaining({ name: 'demo', latestVersion: summary.version })])
        const graph = await fetch(`${s.url}/api/environments/demo/versions/latest/graph`)
        expect(graph.status).toBe(200)
        expect((await graph.json()).nodes.length).toBeGreaterThan(10)
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()))
    }
  }, 180_000) // four cold starts of the CLI
})
