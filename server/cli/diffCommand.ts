import type { Command } from 'commander'
import { type Diff, describeNotCollected, type Snapshot, VERSION_ID_PATTERN } from '../../shared/index.ts'
import { diffVersions } from '../diff/diffVersions.ts'
import { escapeMarkdown, formatDiffMarkdown } from '../diff/formatDiffMarkdown.ts'
import { formatDiffText } from '../diff/formatDiffText.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { CliError } from './CliError.ts'
import { coverageText, unknownTable } from './unknownText.ts'
import { type CommonOptions, openStore, resolveEnv, withDataDir, withEnv, withJson } from './commonOptions.ts'

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

/** The diff comment's note on data either version lacks: its exposure comparison leaves those interfaces out. */
function incompleteMarkdown(diff: Diff): string {
  const lines: string[] = []
  for (const side of ['from', 'to'] as const) {
    const c = diff.coverage![side]
    if (c.complete) continue
    const what = [...describeNotCollected(c.notCollected), ...(c.integrity.length ? [`${c.integrity.length} integrity warning(s)`] : [])]
    lines.push(`- ${side === 'from' ? 'From' : 'To'} version ${escapeMarkdown(diff[side].version ?? diff[side].hash)}: ${escapeMarkdown(what.join('; '))}; ${diff.unknownExposure![side].length} exposure verdict(s) unknown and left out of the comparison`)
  }
  return lines.length ? `\n#### Incomplete data\n\n${lines.join('\n')}\n` : ''
}

/** `vpclens diff FROM TO`: what changed between two versions, security-relevant first. */
export function diffCommand(program: Command): void {
  const cmd = program.command('diff')
    .description('what changed between two versions (numbers or "latest"), security-relevant changes first')
    .argument('<from>', 'version to compare from')
    .argument('<to>', 'version to compare to')
    .option('--markdown', 'Markdown for a pull-request comment')
  withJson(withEnv(withDataDir(cmd))).action(async (from: string, to: string, opts: DiffOptions) => {
    if (opts.json && opts.markdown) throw new CliError('--json and --markdown: choose one')
    const store = openStore(opts)
    try {
      const env = await resolveEnv(store, opts)
      const a = await loadVersion(store, env, from, 'FROM')
      const b = await loadVersion(store, env, to, 'TO')
      const diff = diffVersions(a, b)
      const title = { env, from: a.id, to: b.id }
      process.stdout.write(opts.json ? JSON.stringify(diff) + '\n' : opts.markdown ? formatDiffMarkdown(diff, title) + incompleteMarkdown(diff) : formatDiffText(diff, title) + unknownTable([...diff.unknownExposure!.from, ...diff.unknownExposure!.to].filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i)))
      if (!opts.json) for (const [side, id] of [['from', a.id], ['to', b.id]] as const) {
        const text = coverageText(diff.coverage![side], diff.unknownExposure![side].length)
        if (text) process.stderr.write(`version ${id}: ${text}`)
      }
    } finally {
      await store.close()
    }
  })
}
