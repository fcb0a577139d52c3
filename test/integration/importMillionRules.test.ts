/**
 * A million security-group rules in one describe-security-group-rules.json, once as one response and
 * once as 1,000 AWS CLI pages appended one after another: both import (no stack overflow from
 * spreading a long list), store every rule, and give the same snapshot. Slow by nature (tens of
 * seconds); its time and memory are measured in bench/import.bench.ts, never asserted here.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { SecurityGroupRule } from '../../shared/index.ts'
import { main } from '../../server/main.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { DUMP_ACCOUNT, dumpGroupId, dumpRule, writeRulesDump } from '../fixtures/writeRulesDump.ts'

const RULES = 1_000_000
const GROUPS = 1_000
const tmp = mkdtempSync(join(tmpdir(), 'vpclens-million-'))
const data = join(tmp, 'store')
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

async function importDump(dir: string): Promise<{ code: number; summary: Record<string, unknown> }> {
  const out: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true })
  try {
    const code = await main(['import', dir, '--data-dir', data, '--json'])
    return { code, summary: JSON.parse(out.join('')) as Record<string, unknown> }
  } finally {
    vi.restoreAllMocks()
  }
}

describe('import of 1,000,000 security-group rules', () => {
  it('in one response, then in 1,000 appended pages: every rule stored, and the pages give the same snapshot', async () => {
    const one = join(tmp, 'one')
    writeRulesDump(one, { rules: RULES, groups: GROUPS, pages: 1 })
    const first = await importDump(one)
    rmSync(one, { recursive: true })
    expect(first.code).toBe(0)
    expect(first.summary).toMatchObject({ env: DUMP_ACCOUNT, version: '1', created: true, counts: expect.objectContaining({ 'security-group': GROUPS, vpc: 1 }) })

    const store = openSqliteStore(data)
    try {
      const snapshot = (await store.getSnapshot(DUMP_ACCOUNT, '1'))!
      const groups = snapshot.resources.filter((r) => r.kind === 'security-group')
      expect(groups).toHaveLength(GROUPS)
      const perGroup = groups.map((g) => (g.attributes.rules as SecurityGroupRule[]).length)
      expect(perGroup.every((n) => n === RULES / GROUPS)).toBe(true)
      expect(perGroup.reduce((a, b) => a + b, 0)).toBe(RULES)
      // The last rule, whole, in its group.
      const last = RULES - 1
      const group = groups.find((g) => g.id === dumpGroupId(last % GROUPS))!
      expect((group.attributes.rules as SecurityGroupRule[]).find((r) => r.SecurityGroupRuleId === dumpRule(last, GROUPS).SecurityGroupRuleId))
        .toEqual(dumpRule(last, GROUPS))
    } finally {
      await store.close()
    }

    const paged = join(tmp, 'paged')
    writeRulesDump(paged, { rules: RULES, groups: GROUPS, pages: 1_000 })
    const second = await importDump(paged)
    expect(second.code).toBe(0)
    expect(second.summary).toMatchObject({ env: DUMP_ACCOUNT, version: '1', created: false, hash: first.summary.hash })
  }, 900_000)
})
