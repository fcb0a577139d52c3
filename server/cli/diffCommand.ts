import type { Command } from 'commander'
import { type Diff, describeNotCollected, type Snapshot, type VersionSummary } from '../../shared/index.ts'
import { diffStoredVersions } from '../diff/diffStoredVersions.ts'
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

/** A stored version's summary by id, `latest` or time, without reading its resources; a CliError naming the argument otherwise. */
async function loadSummary(store: SnapshotStore, env: string, spec: string, what: string): Promise<VersionSummary> {
  const id = await resolveVersionArg(store, env, spec, what)
  const version = await store.getVersion(env, id)
  if (version) return version
  const ids = (await store.listVersions(env)).map((v) => v.id)
  throw new CliError(`${what}: environment ${env} has no version ${id} (it has ${ids.length ? ids.join(', ') : 'none'})`)
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
      // Without a policy or attribution nothing needs the whole versions: the diff reads what changed
      // and each version's stored facts (diffStoredVersions). A policy and attribution read snapshots.
      const whole = policy || opts.attribute
        ? { a: await loadVersion(store, env, from, 'FROM'), b: await loadVersion(store, env, to, 'TO') }
        : undefined
      const va = await loadSummary(store, env, whole?.a.id ?? from, 'FROM')
      const vb = await loadSummary(store, env, whole?.b.id ?? to, 'TO')
      const diff = whole ? diffWithPolicy(whole.a, whole.b, policy, todayUtc()) : await diffStoredVersions(store, env, va, vb)
      const title = { env, from: va.id, to: vb.id }
      const attribution = opts.attribute && whole ? await attributeDiff({
        env, dataDir: dataDirOf(opts), diff, limit, lookup: (targets) => lookupFromFlags(opts, targets),
        from: { version: va, snapshot: whole.a.snapshot },
        to: { version: vb, snapshot: whole.b.snapshot },
      }) : undefined
      process.stdout.write(opts.json ? JSON.stringify(attribution ? { ...diff, attribution } : diff) + '\n'
        : opts.markdown ? formatDiffMarkdown(diff, title, attribution) + incompleteMarkdown(diff)
          : formatDiffText(diff, title, attribution) + unknownTable([...diff.unknownExposure!.from, ...diff.unknownExposure!.to].filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i)))
      if (!opts.json) for (const [side, id] of [['from', va.id], ['to', vb.id]] as const) {
        const text = coverageText(diff.coverage![side], diff.unknownExposure![side].length)
        if (text) process.stderr.write(`version ${id}: ${text}`)
      }
    } finally {
      await store.close()
    }
  })
}
