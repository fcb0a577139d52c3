import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNT, publicSshFiles, REGION, writeLayout } from '../fixtures/aws/writeImportLayout.ts'
import { runCli } from './runCli.ts'

// The real `vpclens` binary on an import layout with SSH open to the world and no route tables:
// what a CI pipeline would run. Each call spawns a process; on a loaded 2-core machine give it room.
let root: string
const data = () => ['--data-dir', join(root, 'db')]

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vpclens-incomplete-cli-'))
  const files = publicSshFiles()
  delete files['describe-route-tables.json']
  writeLayout(join(root, 'dump'), { [`${ACCOUNT}/${REGION}`]: files })
  const r = await runCli(['import', join(root, 'dump'), ...data()])
  expect(r.code).toBe(0)
  expect(r.stderr).toContain('111122223333 eu-west-1 ec2:DescribeRouteTables: NotCollected: describe-route-tables.json is missing from the import directory')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('incomplete data on the command line', { timeout: 400_000 }, () => {
  it('check --fail-on critical does not pass: exit 3 naming the missing call; --accept-incomplete decides on the data there is', async () => {
    const r = await runCli(['check', '--fail-on', 'critical', ...data()])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('unknown (worst case critical): unknown: DescribeRouteTables not collected for 111122223333/eu-west-1 (exposure of eni-1; its security groups admit tcp 22 from 0.0.0.0/0)')
    expect(r.stderr).toContain('check undecided: 1 verdict(s)')

    const json = await runCli(['check', '--fail-on', 'critical', '--json', ...data()])
    expect(json.code).toBe(3)
    const out = JSON.parse(json.stdout)
    expect(out.passed).toBe(false)
    expect(out.failing).toEqual([])
    expect(out.undecided.map((u: { check: string; resourceIds: string[]; missingCalls: string[] }) => [u.check, u.resourceIds, u.missingCalls])).toEqual([['EXPOSURE', ['eni-1', 'i-1'], ['DescribeRouteTables']]])

    const accepted = await runCli(['check', '--fail-on', 'critical', '--accept-incomplete', ...data()])
    expect(accepted.code).toBe(0)
    expect(accepted.stderr).toContain('accepted unknown (worst case critical)')
  })

  it('exposure prints the unknown verdict and says the data is incomplete; reach --from internet exits 3', async () => {
    const r = await runCli(['exposure', ...data()])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/unknown +EXPOSURE +eni-1 i-1 +critical +unknown: DescribeRouteTables not collected for 111122223333\/eu-west-1/)
    expect(r.stderr).toContain('of 1 network interfaces, 0 reachable from the internet and 1 unknown')
    expect(r.stderr).toContain('incomplete data: DescribeRouteTables not collected for 111122223333/eu-west-1. 1 verdict(s) unknown.')

    const reach = await runCli(['reach', '--from', 'internet', '--to', 'eni-1', '--protocol', 'tcp', '--port', '22', ...data()])
    expect(reach.code).toBe(3)
    expect(reach.stderr).toContain('eni-1 (i-1): unknown')
    expect(reach.stderr).toContain('whether internet can reach eni-1 is unknown: unknown: DescribeRouteTables not collected')
  })
})
