import type { Command } from 'commander'
import { ENV_NAME_PATTERN } from '../../shared/index.ts'
import { generateDemoVersions } from '../demo/index.ts'
import { normalize } from '../snapshot/normalize.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, withDataDir, withJson } from './commonOptions.ts'
import { recordVersion } from '../diff/recordVersion.ts'

interface DemoOptions extends CommonOptions { scale?: string; seed?: string }

/** `vpclens demo`: store the demo story's versions. Running it again adds nothing. */
export function demoCommand(program: Command): void {
  const cmd = program.command('demo')
    .option('--scale <n>', 'about N network interfaces, same shape (for benchmarks)')
    .option('--seed <n>', 'random seed (default 42)')
    .option('--env <name>', 'environment name (default demo, or demo-N with --scale)')
  withJson(withDataDir(cmd)).action(async (opts: DemoOptions) => {
    const scale = opts.scale === undefined ? undefined : positiveInt('--scale', opts.scale)
    const seed = opts.seed === undefined ? undefined : positiveInt('--seed', opts.seed)
    const env = opts.env ?? (scale ? `demo-${scale}` : 'demo')
    if (!new RegExp(ENV_NAME_PATTERN).test(env)) throw new CliError(`--env: "${env}" must be letters, digits, ., _ or - (at most 64)`)
    const inventories = generateDemoVersions({ seed, scale, now: new Date() })
    const store = openStore(opts)
    try {
      const existing = await store.listVersions(env)
      let created = 0
      for (const [i, inventory] of inventories.entries()) {
        const snapshot = normalize(inventory)
        const have = existing[i]
        if (have) {
          if (have.hash !== snapshot.hash) {
            throw new CliError(`environment ${env} already holds other versions (a different seed or scale?): use --env NAME`)
          }
          continue
        }
        const result = await recordVersion(store, env, snapshot, { source: 'demo', at: inventory.collectedAt })
        if (result.created) created++
      }
      const latest = await store.getVersion(env, 'latest')
      const summary = { env, version: latest?.id ?? null, created: created > 0, versionsCreated: created, counts: latest?.counts ?? {} }
      if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n')
      else {
        const enis = latest?.counts['network-interface'] ?? 0
        process.stderr.write(created > 0
          ? `stored ${created} demo version(s) of ${env}; latest is version ${summary.version} (${enis} network interfaces)\n`
          : `${env} already holds the demo (version ${summary.version}); nothing new stored\n`)
      }
    } finally {
      await store.close()
    }
  })
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag}: expected a positive integer, got "${value}"`)
  return n
}
