import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ImportError } from '../../server/import/ImportError.ts'
import { readImportDirectory } from '../../server/import/readImportDirectory.ts'
import { writeImportLayout } from '../../server/import/writeImportLayout.ts'
import { main } from '../../server/main.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { recordedInventory } from '../fixtures/aws/recordedInventory.ts'

const ACCOUNT = '123456789012'
const REGION = 'eu-west-1'
const at = { collectedAt: '2026-11-29T13:00:00.000Z' }
let dir: string
let data: string
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vpclens-import-')); data = mkdtempSync(join(tmpdir(), 'vpclens-import-store-')) })
afterEach(() => { for (const d of [dir, data]) rmSync(d, { recursive: true, force: true }); vi.restoreAllMocks() })

const problemsOf = (fn: () => unknown): string[] => {
  try { fn() } catch (e) { if (e instanceof ImportError) return [...e.problems]; throw e }
  throw new Error('expected an ImportError')
}
const layout = () => { writeImportLayout(recordedInventory(), dir); return join(dir, ACCOUNT, REGION) }

describe('offline import', () => {
  it('reads back what --save-raw writes, to the same snapshot hash', () => {
    layout()
    const inv = readImportDirectory(dir, at)
    expect(inv.source).toBe('import')
    expect(inv.warnings).toEqual([])
    expect(normalize(inv).hash).toBe(normalize(recordedInventory()).hash)
  })

  it('reads a flat directory, inferring account and region from the files, and concatenates arrays of responses', () => {
    const regionDir = layout()
    const flat = join(dir, 'flat')
    cpSync(regionDir, flat, { recursive: true })
    // Pages: the security groups split over two responses in one file.
    const sgs = recordedInventory().regions[0].ec2.SecurityGroups
    writeFileSync(join(flat, 'describe-security-groups.json'), JSON.stringify([
      { SecurityGroups: sgs.slice(0, 2), NextToken: 'x' }, { SecurityGroups: sgs.slice(2) },
    ]))
    const inv = readImportDirectory(flat, at)
    expect(inv.regions.map((r) => [r.account, r.region])).toEqual([[ACCOUNT, REGION]])
    expect(normalize(inv).hash).toBe(normalize(recordedInventory()).hash)
  })

  it('records a missing call as a warning instead of failing', () => {
    rmSync(join(layout(), 'describe-nat-gateways.json'))
    const inv = readImportDirectory(dir, at)
    expect(inv.warnings).toEqual([expect.objectContaining({ account: ACCOUNT, region: REGION, service: 'ec2', operation: 'DescribeNatGateways', code: 'NotCollected' })])
  })

  it('names the file and the field of every problem', () => {
    const base = layout()
    writeFileSync(join(base, 'describe-vpcs.json'), JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1' }, { VpcId: 42, IsDefault: 'yes' }] }))
    writeFileSync(join(base, 'describe-subnets.json'), '{"Subnets": [')
    writeFileSync(join(base, 'describe-route-tables.json'), JSON.stringify([{ RouteTables: [] }, { Routes: [] }]))
    writeFileSync(join(base, 'describe-security-groupz.json'), '{}')
    writeFileSync(join(base, 'describe-target-health', 'not%ZZencoded.json'), '{"TargetHealthDescriptions": []}')
    const problems = problemsOf(() => readImportDirectory(dir, at))
    const where = `${ACCOUNT}/${REGION}`
    expect(problems).toEqual(expect.arrayContaining([
      `${where}/describe-vpcs.json: Vpcs[1].VpcId: must be string`,
      `${where}/describe-vpcs.json: Vpcs[1].IsDefault: must be boolean`,
      `${where}/describe-route-tables.json: [1].RouteTables: missing`,
      expect.stringMatching(new RegExp(`^${where}/describe-subnets.json: not valid JSON`)),
      expect.stringMatching(new RegExp(`^${where}/describe-security-groupz.json: not part of the import layout`)),
      expect.stringMatching(new RegExp(`^${where}/describe-target-health/not%ZZencoded.json: the file name is not a URL-encoded TargetGroupArn`)),
    ]))
    expect(problems).toHaveLength(6)
  })

  it('refuses folders that are not accounts and regions, and a directory with nothing in it', () => {
    mkdirSync(join(dir, ACCOUNT, 'not-a-region!'), { recursive: true })
    expect(problemsOf(() => readImportDirectory(dir, at))).toEqual([`${ACCOUNT}/not-a-region!: expected a region directory such as eu-west-1`])
    const empty = mkdtempSync(join(tmpdir(), 'vpclens-import-empty-'))
    expect(problemsOf(() => readImportDirectory(empty, at))[0]).toMatch(/holds no AWS CLI output/)
    rmSync(empty, { recursive: true })
  })

  it('asks for --account when a flat directory cannot tell', () => {
    writeFileSync(join(dir, 'describe-vpcs.json'), JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1' }] }))
    expect(problemsOf(() => readImportDirectory(dir, at))).toEqual([`${dir}: cannot tell the account: pass --account ID`])
    const inv = readImportDirectory(dir, { ...at, account: '111122223333', region: 'us-west-2' })
    expect(inv.regions[0]).toMatchObject({ account: '111122223333', region: 'us-west-2' })
  })

  it('vpclens import: a bad file exits 2 with the file and field on stderr, and stores nothing', async () => {
    const base = layout()
    writeFileSync(join(base, 'describe-instances.json'), JSON.stringify({ Reservations: [{ Instances: [{ InstanceId: null }] }] }))
    const stderr: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr.push(String(s)); return true })
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const code = await main(['import', dir, '--data-dir', data, '--json'])
    expect(code).toBe(2)
    expect(stderr.join('')).toContain(`${ACCOUNT}/${REGION}/describe-instances.json: Reservations[0].Instances[0].InstanceId: must be string`)
    expect(stdout).not.toHaveBeenCalled()
    const store = openSqliteStore(data)
    expect(await store.listEnvironments()).toEqual([])
    await store.close()
  })

  it('vpclens import --json: stores a version, then reports the same version unchanged', async () => {
    layout()
    const out: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true })
    expect(await main(['import', dir, '--data-dir', data, '--json'])).toBe(0)
    expect(await main(['import', dir, '--data-dir', data, '--json'])).toBe(0)
    const [first, second] = out.map((l) => JSON.parse(l))
    expect(first).toMatchObject({ env: ACCOUNT, version: '1', created: true, hash: normalize(recordedInventory()).hash, warnings: [] })
    expect(first.counts['security-group']).toBe(recordedInventory().regions[0].ec2.SecurityGroups.length)
    expect(second).toMatchObject({ version: '1', created: false, hash: first.hash })
    expect(readdirSync(data)).toContain('vpclens.sqlite')
  })
})
