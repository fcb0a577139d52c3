/**
 * The `vpclens` command as installed: bin/vpclens.mjs running the compiled dist/server (built by the
 * test set-up), `--version`, the lazily loaded commands' help, and the fallback to the TypeScript
 * sources through tsx when dist/server is missing or older than a source (in a copy of the package,
 * so the suite's own dist/server is never touched).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Help } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS, buildProgram } from '../../server/main.ts'
import { runCli, runProcess } from './runCli.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vpclens-compiledcli-'))
  const demo = await runCli(['demo', '--data-dir', dataDir])
  expect(demo.code, demo.stderr).toBe(0)
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('vpclens (compiled)', { timeout: 120_000 }, () => {
  it('--version and -V print the version of package.json, and nothing on stderr', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag])
      expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
    }
  })

  it('--help lists every command with its description without loading any (no AWS SDK warning)', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const listed = r.stdout.slice(r.stdout.indexOf('Commands:')).replace(/\s+/g, ' ')
    for (const c of COMMANDS) expect(listed).toContain(`${c.name} ${c.usage} ${c.description}`)
    expect(r.stdout).toContain('-V, --version')
  })

  it('runs a command with its own --version option (program options end at the command)', async () => {
    const r = await runCli(['exposure', '--version', '2', '--json', '--data-dir', dataDir])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ env: 'demo', version: '2' })
    expect(r.stderr).toBe('')
  })

  it('help COMMAND and COMMAND --help print that command\'s options', async () => {
    for (const args of [['help', 'diff'], ['diff', '--help']]) {
      const r = await runCli(args)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('Usage: vpclens diff [options] <from> <to>')
      expect(r.stdout).toContain('--markdown')
    }
  })

  it('an unknown command is a usage error (exit 2) naming it', async () => {
    const r = await runCli(['exposur'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("error: unknown command 'exposur'")
  })
})

describe('the command index', () => {
  it('matches each command once loaded: help term, description, an action', async () => {
    const program = await buildProgram(() => true)
    expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name))
    const defaultHelp = new Help()
    for (const entry of COMMANDS) {
      const cmd = program.commands.find((c) => c.name() === entry.name)!
      expect(defaultHelp.subcommandTerm(cmd), entry.name).toBe(`${entry.name} ${entry.usage}`)
      expect(cmd.description()).toBe(entry.description)
      expect((cmd as unknown as { _actionHandler: unknown })._actionHandler, entry.name).toBeTypeOf('function')
    }
  })
})

describe('a package whose dist/server is missing or stale', { timeout: 120_000 }, () => {
  let copy: string
  beforeAll(() => {
    // What bin/vpclens.mjs reads: itself, the freshness check, the build and the sources.
    copy = mkdtempSync(join(tmpdir(), 'vpclens-stalecli-'))
    for (const p of ['bin', 'scripts', 'dist', 'server', 'shared', 'package.json', 'tsconfig.json']) {
      cpSync(join(REPO, p), join(copy, p), { recursive: true, preserveTimestamps: true })
    }
    symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'))
  })
  afterAll(() => rmSync(copy, { recursive: true, force: true }))
  const run = (args: string[]) => runProcess(process.execPath, [join(copy, 'bin', 'vpclens.mjs'), ...args])

  it('a current copy runs the compiled CLI silently', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
  })

  it('runs the sources through tsx, saying why on stderr, when a source is newer', async () => {
    const later = new Date(Date.now() + 60_000)
    utimesSync(join(copy, 'server', 'main.ts'), later, later)
    const r = await run(['--version'])
    expect(r.stdout).toBe(`${VERSION}\n`)
    expect(r.stderr).toBe('vpclens: server/main.ts is newer than dist/server; running the TypeScript sources through tsx (slower to start; npm run build compiles them)\n')
    expect(r.code).toBe(0)
  })

  it('and when dist/server is missing', async () => {
    rmSync(join(copy, 'dist'), { recursive: true })
    const r = await run(['exposure', '--json', '--data-dir', dataDir])
    expect(r.stderr).toBe('vpclens: dist/server is not built; running the TypeScript sources through tsx (slower to start; npm run build compiles them)\n')
    expect(JSON.parse(r.stdout)).toMatchObject({ env: 'demo', version: '5' })
    expect(r.code).toBe(0)
  })
})
