import type { Command } from 'commander'
import { attributeHistory } from '../attribution/attributeHistory.ts'
import { attributionLines } from '../attribution/formatAttribution.ts'
import { resourceHistoryView } from '../diff/resourceHistoryView.ts'
import { fieldText, plain } from '../diff/formatDiffText.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { type AttributeFlags, attributeSettings, lookupFromFlags, withAttributeOptions } from './attributeOptions.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, resolveEnv, withDataDir, withEnv, withJson } from './commonOptions.ts'
import { resolveVersionArg } from './resolveVersionArg.ts'

interface HistoryOptions extends CommonOptions, AttributeFlags { since?: string; until?: string }

/** `vpclens history RESOURCE_ID`: every content a resource had, and what changed each time. */
export function historyCommand(program: Command): void {
  const cmd = program.command('history')
    .argument('<resource>', 'resource id (sg-…, eni-…, an ARN, …)')
    .option('--since <version|time>', 'only the contents it had from this version (or time: 2026-11-28T01:00Z, "1d ago") on')
    .option('--until <version|time>', 'only the contents it had up to this version (or time)')
  withAttributeOptions(withJson(withEnv(withDataDir(cmd)))).action(async (resourceId: string, opts: HistoryOptions) => {
    attributeSettings(opts)
    const store = openStore(opts)
    try {
      const env = await resolveEnv(store, opts)
      const since = opts.since === undefined ? undefined : await versionNumber(store, env, opts.since, '--since')
      const until = opts.until === undefined ? undefined : await versionNumber(store, env, opts.until, '--until')
      if (since !== undefined && until !== undefined && since > until) throw new CliError(`--since: version ${since} is after --until (version ${until})`)
      const all = await store.resourceHistory(env, resourceId)
      if (all.length === 0) throw new CliError(`RESOURCE: ${plain(resourceId)} is in no version of environment ${env}`)
      // Each change is computed against the revision before it, so the window is cut after the diff.
      const full = resourceHistoryView(env, resourceId, all)
      const keep = full.revisions.map((r) => (until === undefined || Number(r.fromVersion) <= until)
        && (since === undefined || r.untilVersion === null || Number(r.untilVersion) > since))
      const revisions = all.filter((_, i) => keep[i])
      const view = { ...full, revisions: full.revisions.filter((_, i) => keep[i]) }
      if (revisions.length === 0) {
        throw new CliError(`${plain(resourceId)} is in no version of environment ${env} from ${since ?? 'the first'} to ${until ?? 'the latest'}`)
      }
      // Who made each change: the versions where the resource appeared, changed or disappeared.
      const last = revisions[revisions.length - 1]!.resource
      const changedAt = [...view.revisions.map((r) => r.fromVersion), ...view.revisions.flatMap((r) => (r.untilVersion === null ? [] : [r.untilVersion]))]
      const target = { resourceId, account: last.account, region: last.region }
      const attribution = opts.attribute
        ? await attributeHistory(env, target, [...new Set(changedAt)], await store.listVersions(env), await lookupFromFlags(opts, [target]), new Date())
        : undefined
      if (opts.json) { process.stdout.write(JSON.stringify(attribution ? { ...view, attribution } : view) + '\n'); return }
      const who = (version: string) => (attribution?.find((a) => a.to === version)?.resources ?? []).flatMap(attributionLines).map((l) => `      ${plain(l)}`)
      const lines = [`${resourceId} (${last.kind}${last.name ? ` "${plain(last.name)}"` : ''}) in ${env}: ${revisions.length} revision(s)`]
      view.revisions.forEach((r, i) => {
        const prev = view.revisions[i - 1]
        if (prev && prev.untilVersion !== r.fromVersion) lines.push(`  absent from version ${prev.untilVersion} until ${r.fromVersion}`)
        const span = `versions ${r.fromVersion}${r.untilVersion === null ? '-latest' : ` until ${r.untilVersion}`}`
        lines.push(`  ${span}: ${r.changes === null ? 'first seen' : r.changes.severity}`)
        for (const c of r.changes?.rules ?? []) lines.push(`      ${plain(c.summary)}`)
        for (const f of r.changes?.fields ?? []) lines.push(`      ~ ${plain(fieldText(f))}`)
        lines.push(...who(r.fromVersion))
      })
      const end = view.revisions[view.revisions.length - 1]!
      if (end.untilVersion !== null) lines.push(`  removed in version ${end.untilVersion}`, ...who(end.untilVersion))
      process.stdout.write(lines.join('\n') + '\n')
    } finally {
      await store.close()
    }
  })
}

/** A --since/--until argument as a version number (`latest` read as the latest's number). */
async function versionNumber(store: SnapshotStore, env: string, spec: string, what: string): Promise<number> {
  const id = await resolveVersionArg(store, env, spec, what)
  const version = await store.getVersion(env, id)
  if (!version) throw new CliError(`${what}: environment ${env} has no version ${id}`)
  return Number(version.id)
}
