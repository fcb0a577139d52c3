import type { Command } from 'commander'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, withDataDir, withJson } from './commonOptions.ts'

interface PruneCliOptions extends CommonOptions { keep?: string; newerThan?: string; dryRun?: boolean }

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }

/** `30d`, `12h`, `2w`, `90m` → milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)([mhdw])$/.exec(text.trim())
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined
}

/** `vpclens prune`: retention. Keeps the last N versions and/or those seen within a duration, always the latest. */
export function pruneCommand(program: Command): void {
  const cmd = program.command('prune')
    .option('--keep <n>', 'keep the newest N versions of each environment')
    .option('--newer-than <duration>', 'keep versions last seen within this long, e.g. 30d, 12h, 2w')
    .option('--env <name>', 'only this environment (default: every environment)')
    .option('--dry-run', 'say what would be deleted, delete nothing')
  withJson(withDataDir(cmd)).action(async (opts: PruneCliOptions) => {
    if (opts.keep === undefined && opts.newerThan === undefined) throw new CliError('prune: give --keep N and/or --newer-than DURATION')
    const keepLast = opts.keep === undefined ? undefined : Number(opts.keep)
    if (keepLast !== undefined && (!Number.isInteger(keepLast) || keepLast < 1)) throw new CliError(`--keep: expected a positive integer, got "${opts.keep}"`)
    const newerThan = opts.newerThan === undefined ? undefined : parseDuration(opts.newerThan)
    if (opts.newerThan !== undefined && newerThan === undefined) throw new CliError(`--newer-than: expected a duration like 30d, 12h, 2w or 90m, got "${opts.newerThan}"`)
    const store = openStore(opts)
    try {
      if (opts.env !== undefined && (await store.listVersions(opts.env)).length === 0) throw new CliError(`--env: no environment named ${opts.env}`)
      const result = await store.prune({ env: opts.env, keepLast, newerThan, now: new Date().toISOString(), dryRun: !!opts.dryRun })
      if (opts.json) { process.stdout.write(JSON.stringify({ dryRun: !!opts.dryRun, ...result }) + '\n'); return }
      const n = result.deleted.reduce((a, d) => a + d.versions.length, 0)
      const verb = opts.dryRun ? 'would delete' : 'deleted'
      for (const d of result.deleted) process.stderr.write(`${d.env}: ${verb} version(s) ${d.versions.join(', ')}\n`)
      process.stderr.write(`${verb} ${n} version(s); ${result.kept} kept${opts.dryRun ? '' : `; ${result.bodiesDeleted} unreferenced resource bodies removed`}\n`)
    } finally {
      await store.close()
    }
  })
}
