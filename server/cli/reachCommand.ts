import type { Command } from 'commander'
import { Compile } from 'typebox/compile'
import { ReachQuery } from '../../shared/index.ts'
import { reach } from '../analysis/reach.ts'
import { ReachQueryError } from '../analysis/ReachQueryError.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, withDataDir, withEnv, withJson } from './commonOptions.ts'
import { sourcesText } from '../../shared/network/index.ts'
import { loadVersionAnalysis, portsText, shortArn, table, withVersion } from './exposureCommand.ts'

interface ReachOptions extends CommonOptions { from?: string; to: string; protocol?: string; port?: string }

const checkQuery = Compile(ReachQuery)

/** `vpclens reach`: can A reach B (path or blocking component), or everything that can reach B. */
export function reachCommand(program: Command): void {
  const cmd = program.command('reach')
    .requiredOption('--to <target>', 'network interface, instance id or private IP')
    .option('--from <source>', '"internet", a CIDR, a network interface, instance id or IP')
    .option('--protocol <p>', 'tcp, udp, icmp, icmpv6, all or an IP protocol number')
    .option('--port <n>', 'destination port (ICMP: type)')
  withVersion(withJson(withEnv(withDataDir(cmd)))).action(async (opts: ReachOptions) => {
    const port = opts.port === undefined ? undefined : Number(opts.port)
    const query = { to: opts.to, ...(opts.from ? { from: opts.from } : {}), ...(opts.protocol ? { protocol: opts.protocol.toLowerCase() } : {}), ...(port !== undefined ? { port } : {}) }
    if (!checkQuery.Check(query)) {
      const first = [...checkQuery.Errors(query)][0]
      const field = first?.instancePath.replace(/^\//, '') || 'query'
      throw new CliError(`--${field}: ${first?.message ?? 'is invalid'}`)
    }
    const { analysis } = await loadVersionAnalysis(opts)
    let result
    try {
      result = reach(analysis, query)
    } catch (e) {
      if (e instanceof ReachQueryError) throw new CliError(`--${e.message}`)
      throw e
    }
    if (opts.json) { process.stdout.write(JSON.stringify(result) + '\n') } else {
      const rows = result.answers.map((a) => [a.verdict, a.source.kind, a.source.id ?? sourcesText(a.source.cidrs), a.protocol, portsText(a.protocol, a.ports), a.via === 'direct' ? 'direct' : shortArn(a.via)])
      process.stdout.write(table(['VERDICT', 'SOURCE', 'FROM', 'PROTO', 'PORTS', 'VIA'], rows))
      if (opts.from) {
        for (const a of result.answers.slice(0, 3)) {
          process.stdout.write(`\n${a.verdict}: ${a.source.id ?? sourcesText(a.source.cidrs)} → ${result.target.eni} ${a.protocol} ${portsText(a.protocol, a.ports)}\n`)
          for (const s of a.trace) process.stdout.write(`  ${s.seq}. ${s.check} ${s.verdict.toUpperCase()} ${s.summary}${s.code ? ` [${s.code}]` : ''}\n`)
        }
      }
      process.stderr.write(`${result.target.eni}${result.target.resource ? ` (${shortArn(result.target.resource)})` : ''}: ${result.verdict}${result.truncated ? ' (answers truncated)' : ''}\n`)
    }
    // A definite "no" for a specific pair is a failed check (exit 1), like `check`.
    if (opts.from && result.verdict === 'blocked') throw new CliError(`${opts.from} cannot reach ${opts.to}`, 1)
  })
}
