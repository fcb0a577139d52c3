import type { Command } from 'commander'
import { resourceHistoryView } from '../diff/resourceHistoryView.ts'
import { fieldText } from '../diff/formatDiffText.ts'
import { terminalText } from '../terminalText.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, resolveEnv, withDataDir, withEnv, withJson } from './commonOptions.ts'

/** `vpclens history RESOURCE_ID`: every content a resource had, and what changed each time. */
export function historyCommand(program: Command): void {
  const cmd = program.command('history')
    .description('every version in which a resource changed, with its field and rule changes')
    .argument('<resource>', 'resource id (sg-…, eni-…, an ARN, …)')
  withJson(withEnv(withDataDir(cmd))).action(async (resourceId: string, opts: CommonOptions) => {
    const store = openStore(opts)
    try {
      const env = await resolveEnv(store, opts)
      const revisions = await store.resourceHistory(env, resourceId)
      if (revisions.length === 0) throw new CliError(`RESOURCE: ${terminalText(resourceId)} is in no version of environment ${env}`)
      const view = resourceHistoryView(env, resourceId, revisions)
      if (opts.json) { process.stdout.write(JSON.stringify(view) + '\n'); return }
      const last = revisions[revisions.length - 1]!.resource
      const lines = [`${terminalText(resourceId)} (${last.kind}${last.name ? ` "${terminalText(last.name)}"` : ''}) in ${env}: ${revisions.length} revision(s)`]
      view.revisions.forEach((r, i) => {
        const prev = view.revisions[i - 1]
        if (prev && prev.untilVersion !== r.fromVersion) lines.push(`  absent from version ${prev.untilVersion} until ${r.fromVersion}`)
        const span = `versions ${r.fromVersion}${r.untilVersion === null ? '-latest' : ` until ${r.untilVersion}`}`
        lines.push(`  ${span}: ${i === 0 ? 'first seen' : r.changes ? `${r.changes.severity}` : 'changed'}`)
        for (const c of r.changes?.rules ?? []) lines.push(`      ${terminalText(c.summary)}`)
        for (const f of r.changes?.fields ?? []) lines.push(`      ~ ${terminalText(fieldText(f))}`)
      })
      const end = view.revisions[view.revisions.length - 1]!
      if (end.untilVersion !== null) lines.push(`  removed in version ${end.untilVersion}`)
      process.stdout.write(lines.join('\n') + '\n')
    } finally {
      await store.close()
    }
  })
}
