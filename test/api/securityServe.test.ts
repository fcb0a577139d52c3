/**
 * `vpclens serve` as a process: it refuses a network address without a token, and with one the API
 * answers 401 without the header and 200 with it, over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, startServe } from './securityProcess.ts'

const TOKEN = 'serve-test-token-0123456789'
let dataDir: string
beforeAll(() => { dataDir = mkdtempSync(join(tmpdir(), 'vpclens-serve-')) })
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('vpclens serve access', () => {
  it('refuses a non-loopback --host without a token: exit 2, one line saying why', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir], { VPCLENS_TOKEN: '' })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^vpclens: --host 0\.0\.0\.0 is reachable from other machines: pass --token/)
    expect(r.stdout).toBe('')
  })

  it('refuses a token too short to be safe', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--token', 'short', '--data-dir', dataDir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--token: the access token must be at least 16 characters/)
  })

  it('on 0.0.0.0 with VPCLENS_TOKEN: 401 without the header, 200 with it', async () => {
    const serve = await startServe(['--host', '0.0.0.0', '--data-dir', dataDir], { VPCLENS_TOKEN: TOKEN })
    try {
      const without = await fetch(`${serve.url}/api/environments`)
      expect(without.status).toBe(401)
      expect(await without.json()).toMatchObject({ code: 'unauthorized' })
      const wrong = await fetch(`${serve.url}/api/environments`, { headers: { authorization: 'Bearer serve-test-token-0123456780' } })
      expect(wrong.status).toBe(401)
      const withToken = await fetch(`${serve.url}/api/environments`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(withToken.status).toBe(200)
      expect(await withToken.json()).toEqual({ environments: [] })
    } finally {
      await serve.stop()
    }
  })

  it('on loopback without a token: open, as before', async () => {
    const serve = await startServe(['--data-dir', dataDir], { VPCLENS_TOKEN: '' })
    try {
      expect((await fetch(`${serve.url}/api/environments`)).status).toBe(200)
    } finally {
      await serve.stop()
    }
  })
})
