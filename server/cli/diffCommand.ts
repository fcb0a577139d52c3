import type { Command } from 'commander'
import { type Snapshot, VERSION_ID_PATTERN } from '../../shared/index.ts'
import { formatDiffMarkdown } from '../diff/formatDiffMarkdown.ts'
import { formatDiffText } from '../diff/formatDiffText.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { CliError } from './CliError.ts'
import { diffWithPolicy } from '../policy/diffWithPolicy.ts'
import { todayUtc } from '../policy/policyReport.ts'
import { type CommonOptions, loadPolicy, openStore, resolveEnv, withDataDir, withEnv, withJson, withPolicy } from './commonOptions.ts'

interface DiffOptions extends CommonOptions { markdown?: boolean }

/** A stored version by id or `latest`, with its real id; a CliError naming the argument otherwise. */
export async function loadVersion(store: SnapshotStore, env: string, id: string, what: string): Promise<{ id: string; snapshot: Snapshot }> {
  if (!new RegExp(VERSION_ID_PATTERN).test(id)) throw new CliError(`${what}: expected a version number or "latest", got "${id}"`)
  const version = await store.getVersion(env, id)
  const snapshot = version && (await store.getSnapshot(env, version.id))
  if (!version || !snapshot) {
    const ids = (await store.listVersions(env)).map((v) => v.id)
    throw new CliError(`${what}: environment ${env} has no version ${id} (it has ${ids.length ? ids.join(', ') : 'none'})`)
  }
  return { id: version.id, snapshot }
}

/** `vpclens diff FROM TO`: what changed between two versions, security-relevant first. */
export function diffCommand(program: Command): void {
  const cmd = program.command('diff')
    .description('what changed between two versions (numbers or "latest"), security-relevant changes first')
    .argument('<from>', 'version to compare from')
    .argument('<to>', 'version to compare to')
    .option('--markdown', 'Markdown for a pull-request comment')
  withPolicy(withJson(withEnv(withDataDir(cmd)))).action(async (from: string, to: string, opts: DiffOptions) => {
    if (opts.json && opts.markdown) throw new CliError('--json and --markdown: choose one')
    const policy = loadPolicy(opts)
    const store = openStore(opts)
    try {
      const env = await resolveEnv(store, opts)
      const a = await loadVersion(store, env, from, 'FROM')
      const b = await loadVersion(store, env, to, 'TO')
      const diff = diffWithPolicy(a, b, policy, todayUtc())
      const title = { env, from: a.id, to: b.id }
      process.stdout.write(opts.json ? JSON.stringify(diff) + '\n' : opts.markdown ? formatDiffMarkdown(diff, title) : formatDiffText(diff, title))
    } finally {
      await store.close()
    }
  })
}
