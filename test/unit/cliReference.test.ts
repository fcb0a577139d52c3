import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cliReference } from '../../server/cli/cliReference.ts'
import { buildProgram, COMMANDS } from '../../server/main.ts'

describe('docs/cli.md', () => {
  it('lists every command and option exactly as defined (regenerate with npm run docs:cli)', async () => {
    const program = await buildProgram(() => true)
    const expected = cliReference(program)
    expect(readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8')).toBe(expected)
    for (const c of COMMANDS) expect(expected).toContain(`## vpclens ${c.name}`)
    for (const flag of ['--attribute', '--data-dir <dir>', '--fail-on <severity>']) expect(expected).toContain(flag)
  })
})
