import type { Command } from 'commander'
import type { Snapshot } from '../../shared/index.ts'
import { sourcesText } from '../../shared/network/index.ts'
import { analyzeSnapshot, type SnapshotAnalysis } from '../analysis/analyzeSnapshot.ts'
import { exposureReport } from '../analysis/reports.ts'
import { evaluatePolicy } from '../policy/evaluatePolicy.ts'
import { policyNotes, policyReport, todayUtc } from '../policy/policyReport.ts'
import { CliError } from './CliError.ts'
import { coverageText, unknownTable } from './unknownText.ts'
import { resolveVersionArg } from './resolveVersionArg.ts'
import { type CommonOptions, loadPolicy, openStore, resolveEnv, withDataDir, withEnv, withJson, withPolicy } from './commonOptions.ts'
import { terminalText } from '../terminalText.ts'

export const withVersion = (c: Command) => c.option('--version <id|time>', 'version id, "latest" (default) or a time: 2026-11-28T02:10Z, "2h ago" (the version current then)')

/** The analysis of one stored version: the environment and version resolved, the snapshot analyzed. */
export async function loadVersionAnalysis(opts: CommonOptions): Promise<{ env: string; version: string; hash: string; snapshot: Snapshot; analysis: SnapshotAnalysis }> {
  const store = openStore(opts)
  try {
    const env = await resolveEnv(store, opts)
    const wanted = await resolveVersionArg(store, env, opts.version ?? 'latest', '--version')
    const version = await store.getVersion(env, wanted)
    if (!version) throw new CliError(`--version: environment ${env} has no version ${wanted}`)
    const snapshot = await store.getSnapshot(env, version.id)
    if (!snapshot) throw new CliError(`--version: version ${version.id} of ${env} has no snapshot`)
    return { env, version: version.id, hash: snapshot.hash, snapshot, analysis: analyzeSnapshot(snapshot) }
  } finally {
    await store.close()
  }
}

/** Rows of fixed-width columns; the last column takes the rest of the line. Cells are untrusted text, shown escaped. */
export function table(header: string[], cells: string[][]): string {
  const rows = cells.map((r) => r.map(terminalText))
  const widths = header.map((h, i) => rows.reduce((w, r) => (i < header.length - 1 ? Math.max(w, r[i].length) : w), h.length))
  const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}

export const portsText = (protocol: string, ports: [number, number], icmpCodes?: [number, number]) =>
  protocol === 'all' || protocol === 'other' || /^[0-9]+$/.test(protocol) ? '*'
    : icmpCodes ? `type ${ports[0] === ports[1] ? ports[0] : ports.join('-')}${icmpCodes[0] === 0 && icmpCodes[1] === 255 ? '' : ` code ${icmpCodes.join('-')}`}`
      : ports[0] === ports[1] ? String(ports[0]) : `${ports[0]}-${ports[1]}`


/** `vpclens exposure`: which ports the internet can reach on which interfaces, from where, and how. */
export function exposureCommand(program: Command): void {
  const cmd = program.command('exposure')
  withPolicy(withVersion(withJson(withEnv(withDataDir(cmd))))).action(async (opts: CommonOptions) => {
    const policy = loadPolicy(opts)
    const { env, version, hash, snapshot, analysis } = await loadVersionAnalysis(opts)
    const ev = policy && evaluatePolicy(policy, snapshot, analysis, todayUtc())
    const report = exposureReport(ev ? { ...analysis, exposure: { ...analysis.exposure, exposures: ev.exposures } } : analysis, env, version, hash)
    if (opts.json) { process.stdout.write(JSON.stringify(ev ? { ...report, policy: policyReport(ev, env, version, hash) } : report) + '\n'); return }
    const rows = report.exposures.map((e) => [
      e.severity, e.eni, e.resource ? shortArn(e.resource) : '-', e.protocol, portsText(e.protocol, e.ports, e.icmpCodes), sourcesText(e.sources),
      e.via === 'direct' ? 'direct' : `${shortArn(e.lb!.loadBalancerArn)}:${e.lb!.listenerPort}`,
      e.completeness === 'full' ? 'full' : `partial (${e.clientFamilies?.join(', ') || 'no client family fully'})`,
      ...(ev ? [e.accepted ? `accepted: ${e.accepted.reason} (${e.accepted.owner})` : '-'] : []),
    ])
    process.stdout.write(table(['SEVERITY', 'ENI', 'RESOURCE', 'PROTO', 'PORTS', 'SOURCES', 'VIA', 'COMPLETENESS', ...(ev ? ['POLICY'] : [])], rows))
    process.stdout.write(unknownTable(report.unknown))
    if (ev) for (const line of policyNotes(ev)) process.stderr.write(`${terminalText(line)}\n`)
    const s = report.summary
    const counts = report.unknown.length
      ? `of ${s.networkInterfaces} network interfaces, ${s.exposedInterfaces} reachable from the internet and ${s.unknownInterfaces} unknown (${report.unknown.length} verdict(s) depend on data the version lacks)`
      : `${s.exposedInterfaces} of ${s.networkInterfaces} network interfaces reachable from the internet`
    process.stderr.write(`${env} version ${version}: ${counts} (${s.directExposures} direct, ${s.viaLoadBalancerExposures} via load balancers); ${report.blocked.length} open security group paths blocked. --json for traces.\n`)
    process.stderr.write(coverageText(report.coverage, report.unknown.length))
  })
}

/** `app/web/0123…` instead of the whole ARN, for tables. */
export function shortArn(id: string): string {
  const i = id.indexOf(':loadbalancer/')
  return i < 0 ? id : id.slice(i + ':loadbalancer/'.length)
}
