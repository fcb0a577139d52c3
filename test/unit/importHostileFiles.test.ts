/**
 * Import on files nobody on this project wrote: other encodings, bytes that are not UTF-8, JSON nested
 * thousands of levels deep, symbolic links, and AWS CLI pages appended one after another. Each problem
 * is one line naming the file; nothing is stored.
 */
import { readFileSync, symlinkSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { readImportDirectory } from '../../server/import/readImportDirectory.ts'
import { main } from '../../server/main.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { recordedInventory } from '../fixtures/aws/recordedInventory.ts'
import { ACCOUNT, COLLECTED, useImportDirectory, WHERE } from '../support/importDirectory.ts'

const imp = useImportDirectory('hostile')
const problemsOf = () => imp.problems()
const expectedHash = () => normalize(recordedInventory()).hash
const vpcsFile = () => join(imp.base, 'describe-vpcs.json')
const vpcsText = () => readFileSync(vpcsFile(), 'utf8')

/** `vpclens import` in-process: its exit code and stderr, and whether anything was stored. */
async function importCli(): Promise<{ code: number; stderr: string; stored: number }> {
  const stderr: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr.push(String(s)); return true })
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  const code = await main(['import', imp.dir, '--data-dir', imp.data, '--json'])
  vi.restoreAllMocks()
  const store = openSqliteStore(imp.data)
  const stored = (await store.listEnvironments()).length
  await store.close()
  return { code, stderr: stderr.join(''), stored }
}

describe('import: encodings', () => {
  it('skips a UTF-8 byte order mark', () => {
    writeFileSync(vpcsFile(), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(vpcsText())]))
    expect(normalize(readImportDirectory(imp.dir, COLLECTED)).hash).toBe(expectedHash())
  })

  it('refuses UTF-16 as Windows PowerShell writes it (little-endian with BOM), big-endian, and without BOM, saying so', () => {
    const text = vpcsText()
    const le = Buffer.from(`\ufeff${text}`, 'utf16le')
    const be = Buffer.from(le).swap16()
    const fix = 'save it as UTF-8, e.g. Out-File -Encoding utf8, or run the AWS CLI with > from cmd or a Unix shell'
    for (const [bytes, kind] of [[le, 'little-endian'], [be, 'big-endian'], [Buffer.from(text, 'utf16le'), 'little-endian, no byte order mark']] as const) {
      writeFileSync(vpcsFile(), bytes)
      expect(problemsOf()).toEqual([`${WHERE}/describe-vpcs.json: UTF-16 (${kind}) text (as Windows PowerShell writes with > or Out-File); ${fix}`])
    }
  })

  it('refuses bytes that are not UTF-8 instead of turning them into U+FFFD, and stores nothing', async () => {
    const text = vpcsText()
    const i = text.indexOf('"VpcId": "') + '"VpcId": "'.length
    // Latin-1 "é" (0xe9) where UTF-8 needs two bytes: decoded leniently, it would become a new id "vpc-\ufffd…".
    writeFileSync(vpcsFile(), Buffer.concat([Buffer.from(text.slice(0, i)), Buffer.from([0xe9]), Buffer.from(text.slice(i))]))
    const line = text.slice(0, i).split('\n').length
    const expected = `${WHERE}/describe-vpcs.json: not UTF-8: invalid byte 0xe9 at offset ${i} (line ${line}); AWS CLI output is UTF-8, so this file was changed or re-encoded`
    expect(problemsOf()).toEqual([expected])
    const run = await importCli()
    expect(run).toEqual({ code: 2, stderr: `vpclens: import ${imp.dir}: nothing stored. ${expected}\n`, stored: 0 })
  })

  it('refuses overlong forms and UTF-16 surrogates encoded as UTF-8', () => {
    const head = '{"Vpcs": [{"VpcId": "vpc-'
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      writeFileSync(vpcsFile(), Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from('"}]}')]))
      expect(problemsOf()).toEqual([`${WHERE}/describe-vpcs.json: not UTF-8: invalid byte 0x${bad[0]!.toString(16)} at offset ${head.length} (line 1); AWS CLI output is UTF-8, so this file was changed or re-encoded`])
    }
  })
})

describe('import: structure', () => {
  it('refuses JSON nested 3,000 levels deep with a message naming the file, not a stack overflow', async () => {
    writeFileSync(vpcsFile(), `{"Vpcs": [{"VpcId": "vpc-1", "Extra":\n${'['.repeat(3000)}${']'.repeat(3000)}}]}`)
    const expected = `${WHERE}/describe-vpcs.json: nested more than 100 levels deep at line 2 (AWS CLI output nests about 10); not AWS CLI output`
    expect(problemsOf()).toEqual([expected])
    expect(await importCli()).toEqual({ code: 2, stderr: `vpclens: import ${imp.dir}: nothing stored. ${expected}\n`, stored: 0 })
  })

  it('reads AWS CLI pages appended one after another (`>>`), brackets and quotes inside strings included', () => {
    const sgs = recordedInventory().regions[0]!.ec2.SecurityGroups
    const pages = [
      { SecurityGroups: sgs.slice(0, 1), NextToken: 'a"}]{[\\' },
      { SecurityGroups: sgs.slice(1, 2), NextToken: 'b' },
      { SecurityGroups: sgs.slice(2) },
    ]
    writeFileSync(join(imp.base, 'describe-security-groups.json'), pages.map((p) => JSON.stringify(p, null, 4)).join('\n'))
    expect(normalize(readImportDirectory(imp.dir, COLLECTED)).hash).toBe(expectedHash())
  })

  it('names the page of a problem in a file of appended pages, and refuses an empty file', () => {
    writeFileSync(vpcsFile(), `${JSON.stringify({ Vpcs: [] })}\n${JSON.stringify({ Vpcs: [{ VpcId: 7 }] })}\n{"Vpcs": [`)
    writeFileSync(join(imp.base, 'describe-subnets.json'), ' \n')
    const problems = problemsOf()
    expect(problems).toEqual(expect.arrayContaining([
      `${WHERE}/describe-vpcs.json: document 2: Vpcs[0].VpcId: must be string`,
      `${WHERE}/describe-vpcs.json: document 3: not valid JSON (Unexpected end of JSON input)`,
      `${WHERE}/describe-subnets.json: empty; expected AWS CLI JSON output with Subnets`,
    ]))
    expect(problems).toHaveLength(3)
  })

  it('refuses symbolic links (files, keyed files, region folders), naming them as links', () => {
    const outside = join(imp.data, 'elsewhere.json')
    renameSync(vpcsFile(), outside)
    symlinkSync(outside, vpcsFile())
    const tg = join(imp.base, 'describe-target-health')
    symlinkSync(outside, join(tg, 'arn%3Aaws%3Aelasticloadbalancing%3Aeu-west-1%3A123456789012%3Atargetgroup%2Fx%2F1.json'))
    symlinkSync(imp.base, join(imp.dir, ACCOUNT, 'eu-west-2'))
    const link = 'is a symbolic link; import reads only regular files and folders inside the directory (copy the target here instead)'
    expect(problemsOf().sort()).toEqual([
      `${WHERE}/describe-target-health/arn%3Aaws%3Aelasticloadbalancing%3Aeu-west-1%3A123456789012%3Atargetgroup%2Fx%2F1.json: ${link}`,
      `${WHERE}/describe-vpcs.json: ${link}`,
      `${ACCOUNT}/eu-west-2: ${link}`,
    ].sort())
  })
})
