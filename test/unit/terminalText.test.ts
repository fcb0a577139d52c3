/**
 * Untrusted text in the CLI's tables and plain text: ids, names and descriptions from AWS carrying an
 * ESC sequence, the one-character C1 CSI (U+009B), BEL and line breaks reach stdout/stderr escaped
 * (`\x1b`, `\u009b`, `\x07`, `\x0a`), in exposure, findings, diff (text and Markdown), check, history,
 * the import summary's warnings and error messages.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Inventory } from '../../shared/index.ts'
import { describeStoreSummary, storeInventory } from '../../server/import/storeInventory.ts'
import { main } from '../../server/main.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { terminalText } from '../../server/terminalText.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

const EVIL_ENI = 'eni-web\u001b[2J\u009b31m\u0007'
const EVIL_SG = 'sg-web\r\nFAKE: all clear'
const EVIL_NAME = 'web\u001b]0;owned\u0007\u0085'
const SHOWN_ENI = 'eni-web\\x1b[2J\\u009b31m\\x07'
const SHOWN_SG = 'sg-web\\x0d\\x0aFAKE: all clear'
const SHOWN_NAME = 'web\\x1b]0;owned\\x07\\u0085'
/** Any control character but the line feeds between output lines. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/

let data: string
beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'vpclens-terminal-'))
  const clean = smallInventory()
  const evil = JSON.parse(JSON.stringify(smallInventory())
    .replaceAll('"eni-web"', JSON.stringify(EVIL_ENI)).replaceAll('"sg-web"', JSON.stringify(EVIL_SG))
    .replaceAll('"GroupName":"web"', `"GroupName":${JSON.stringify(EVIL_NAME)}`)) as Inventory
  const store = openSqliteStore(data)
  await storeInventory(store, clean, 'prod', 'import')
  await storeInventory(store, { ...evil, collectedAt: '2026-11-30T00:00:00.000Z' }, 'prod', 'import')
  await store.close()
})
afterAll(() => rmSync(data, { recursive: true, force: true }))

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true })
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => { out.push(String(s)); return true })
  try {
    return { code: await main([...args, '--data-dir', data]), out: out.join('') }
  } finally {
    vi.restoreAllMocks()
  }
}

describe('terminal-safe text', () => {
  it('terminalText escapes C0, DEL and C1 alike, and is idempotent', () => {
    expect(terminalText('a\u0000b\u001bc\u007fd\u0080e\u009bf\u009fg\th\ni')).toBe('a\\x00b\\x1bc\\x7fd\\u0080e\\u009bf\\u009fg\\x09h\\x0ai')
    expect(terminalText(terminalText(EVIL_ENI))).toBe(SHOWN_ENI)
    expect(terminalText('é ü → ✓ 中')).toBe('é ü → ✓ 中')
  })

  it('exposure and findings tables', async () => {
    const exposure = await run(['exposure'])
    expect(exposure.code).toBe(0)
    expect(exposure.out).not.toMatch(CONTROL)
    expect(exposure.out).toMatch(new RegExp(`\\n\\S+\\s+${escapeRe(SHOWN_ENI)}\\s`))
    const findings = await run(['findings'])
    expect(findings.code).toBe(0)
    expect(findings.out).not.toMatch(CONTROL)
    expect(findings.out).toContain(SHOWN_ENI)
  })

  it('diff as text and as Markdown, check and history', async () => {
    const text = await run(['diff', '1', '2'])
    expect(text.out).not.toMatch(CONTROL)
    expect(text.out).toContain(`security-group  ${SHOWN_SG} (${SHOWN_NAME})`)
    expect(text.out).toContain(`network-interface  ${SHOWN_ENI}`)
    const md = await run(['diff', '1', '2', '--markdown'])
    expect(md.out).not.toMatch(CONTROL)
    expect(md.out).toContain(`\`${SHOWN_SG}\` web\\\\x1b\\]0;owned\\\\x07\\\\u0085`)
    const check = await run(['check', '--fail-on', 'info'])
    expect(check.code).toBe(1)
    expect(check.out).not.toMatch(CONTROL)
    expect(check.out).toContain(SHOWN_ENI)
    const history = await run(['history', EVIL_SG])
    expect(history.code).toBe(0)
    expect(history.out).not.toMatch(CONTROL)
    expect(history.out.split('\n')[0]).toBe(`${SHOWN_SG} (security-group "${SHOWN_NAME}") in prod: 1 revision(s)`)
    const missing = await run(['history', 'sg-\u009b2J'])
    expect(missing).toEqual({ code: 2, out: 'vpclens: RESOURCE: sg-\\u009b2J is in no version of environment prod\n' })
  })

  it('warnings in the discover/import summary', () => {
    const text = describeStoreSummary({
      env: 'prod', version: '3', created: true, hash: 'h', accounts: ['123456789012'], regions: ['eu-west-1'], counts: {},
      warnings: [{ account: '123456789012', region: 'eu-west-1', service: 'ec2', operation: 'DescribeVpcs', code: 'Throttling\u001b[31m', message: 'try\nagain\u009b' }],
    })
    expect(text).not.toMatch(CONTROL)
    expect(text.split('\n')[2]).toBe('  123456789012 eu-west-1 ec2:DescribeVpcs: Throttling\\x1b[31m: try\\x0aagain\\u009b')
  })
})

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
