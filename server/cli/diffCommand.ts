import type { Command } from 'commander'
import { type Diff, describeNotCollected, type Snapshot } from '../../shared/index.ts'
import { diffVersions } from '../diff/diffVersions.ts'
import { escapeMarkdown, formatDiffMarkdown } from '../diff/formatDiffMarkdown.ts'
import { formatDiffText } from '../diff/formatDiffText.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { attributeDiff } from '../attribution/attributeDiff.ts'
import { type AttributeFlags, attributeSettings, lookupFromFlags, withAttributeOptions } from './attributeOptions.ts'
import { CliError } from './CliError.ts'
import { coverageText, unknownTable } from './unknownText.ts'
import { diffWithPolicy } from '../policy/diffWithPolicy.ts'
import { todayUtc } from '../policy/policyReport.ts'
import { resolveVersionArg } from './resolveVersionArg.ts'
import { type CommonOptions, dataDirOf, loadPolicy, openStore, resolveEnv, withDataDir, withEnv, withJson, withPolicy } from './commonOptions.ts'

interface DiffOptions extends CommonOptions, AttributeFlags { markdown?: boolean }

/** A stored version by id, `latest` or time (resolveVersionArg), with its real id; a CliError naming the argument otherwise. */
export async function loadVersion(store: SnapshotStore, env: string, spec: string, what: string): Promise<{ id: string; snapshot: Snapshot }> {
  const id = await resolveVersionArg(store, env, spec, what)
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
    .argument('<from>', 'version (or time) to compare from')
    .argument('<to>', 'version (or time) to compare to')
    .option('--markdown', 'Markdown for a pull-request comment')
  withPolicy(withAttributeOptions(withJson(withEnv(withDataDir(cmd))))).action(async (from: string, to: string, opts: DiffOptions) => {
    if (opts.json && opts.markdown) throw new CliError('--json and --markdown: choose one')
    const policy = loadPolicy(opts)
    const { limit } = attributeSettings(opts)
    const store = openStore(opts)
    try {
      const env = await resolveEnv(store, opts)
      const a = await loadVersion(store, env, from, 'FROM')
      const b = await loadVersion(store, env, to, 'TO')
      const diff = diffWithPolicy(a, b, policy, todayUtc())
      const title = { env, from: a.id, to: b.id }
      const attribution = opts.attribute ? await attributeDiff({
        env, dataDir: dataDirOf(opts), diff, limit, lookup: (targets) => lookupFromFlags(opts, targets),
        from: { version: (await store.getVersion(env, a.id))!, snapshot: a.snapshot },
        to: { version: (await store.getVersion(env, b.id))!, snapshot: b.snapshot },
      }) : undefined
      process.stdout.write(opts.json ? JSON.stringify(attribution ? { ...diff, attribution } : diff) + '\n'
        : opts.markdown ? formatDiffMarkdown(diff, title, attribution) + incompleteMarkdown(diff)
          : formatDiffText(diff, title, attribution) + unknownTable([...diff.unknownExposure!.from, ...diff.unknownExposure!.to].filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i)))
      if (!opts.json) for (const [side, id] of [['from', a.id], ['to', b.id]] as const) {
        const text = coverageText(diff.coverage![side], diff.unknownExposure![side].length)
        if (text) process.stderr.write(`version ${id}: ${text}`)
      }
    } finally {
      await store.close()
    }
  })
}
