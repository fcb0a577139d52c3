import type { Severity, Blocked, Exposure, Finding } from '../../shared/index.ts'
import type { Model } from './Model.ts'
import { catalogPortsIn, exposureSeverity, isWide, type PortClass, WIDE_PORT_RANGE } from '../../shared/network/index.ts'
import { maxSeverity } from '../../shared/severityOrder.ts'
import { breadthOf } from './breadthOf.ts'
import { ALL, hasPorts } from './protocols.ts'

// One finding per port class of the shared catalogue (web ports are no finding of their own).
const CATEGORIES: ReadonlyArray<{ check: string; title: string; cls: PortClass }> = [
  { check: 'ADMIN_PORT_EXPOSED', title: 'Administration port reachable from the internet', cls: 'admin' },
  { check: 'DATABASE_PORT_EXPOSED', title: 'Database port reachable from the internet', cls: 'database' },
  { check: 'HIGH_RISK_PORT_EXPOSED', title: 'High-risk port (Security Hub EC2.19) reachable from the internet', cls: 'high-risk' },
  { check: 'INFRASTRUCTURE_PORT_EXPOSED', title: 'Infrastructure service port reachable from the internet', cls: 'infrastructure' },
]
const portsOf = (cls: PortClass, lo: number, hi: number) => catalogPortsIn(lo, hi).filter((e) => e.class === cls).map((e) => e.port)

/**
 * Findings from real exposure (§7): the severity follows what actually reaches the interface — the
 * port class and how much of the internet — not the security group rule alone. For via-LB exposure
 * the port is the listener's, the one the internet sees.
 */
export function exposureFindings(exposures: readonly Exposure[]): Finding[] {
  const groups = new Map<string, { cat: (typeof CATEGORIES)[number] | null; list: Exposure[]; ports: Array<[number, number]> }>()
  for (const e of exposures) {
    const portful = e.protocol === 'tcp' || e.protocol === 'udp'
    const [lo, hi] = e.lb ? [e.lb.listenerPort, e.lb.listenerPort] : portful ? e.ports : [0, 65535]
    if (e.protocol === 'icmp' || e.protocol === 'icmpv6') continue
    const hits: Array<[(typeof CATEGORIES)[number] | null, number[]]> = CATEGORIES.map((c) => [c, portsOf(c.cls, lo, hi)] as [(typeof CATEGORIES)[number], number[]]).filter(([, p]) => p.length > 0)
    if (!e.lb && (!portful || hi - lo + 1 > WIDE_PORT_RANGE)) hits.push([null, []])
    for (const [cat, ports] of hits) {
      const k = `${cat?.check ?? 'ALL_PORTS_EXPOSED'}|${e.eni}|${e.via}`
      const g = groups.get(k) ?? { cat, list: [], ports: [] }
      g.list.push(e)
      for (const p of cat ? ports : [lo]) g.ports.push(cat ? [p, p] : [lo, hi])
      groups.set(k, g)
    }
  }
  const out: Finding[] = []
  for (const [k, g] of groups) {
    const check = k.split('|')[0]
    const e0 = g.list[0]
    const wide = g.list.some((e) => isWide(e.breadth))
    const ports = dedupe(g.ports)
    // The catalogue's grade of the worst port named (SMB is critical among the EC2.19 ports); all ports: high.
    const severity: Severity = !wide ? 'low' : g.cat ? maxSeverity(...ports.map(([p]) => exposureSeverity('tcp', p, p, 'world'))) : 'high'
    const sources = [...new Set(g.list.flatMap((e) => e.sources))].slice(0, 20)
    const how = e0.via === 'direct' ? 'directly' : `through load balancer listener ${e0.lb?.listenerPort}`
    out.push({
      id: `${check}:${e0.eni}:${e0.via === 'direct' ? 'direct' : e0.lb?.listenerPort}`, check, severity,
      title: g.cat?.title ?? 'All ports (or a wide port range) reachable from the internet',
      resourceIds: [e0.eni, ...(e0.resource ? [e0.resource] : [])],
      detail: `${e0.eni}${e0.resource ? ` (${e0.resource})` : ''} is reachable ${how} on ${ports.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(', ')} from ${wide ? 'a broad part of the internet' : sources.join(', ')}${g.list.some((e) => e.completeness === 'partial') ? ' (partially: a NACL limits replies)' : ''}.`,
      ports, sources, exposureIds: g.list.map((e) => e.id),
    })
  }
  return out
}

/**
 * Security group rules open to a broad part of the internet on admin/database ports or all ports
 * that expose nothing: worth tightening (medium), and the first layer that stops them is named.
 */
export function openRuleFindings(model: Model, exposures: readonly Exposure[], blocked: readonly Blocked[]): Finding[] {
  const usedRules = new Set<string>()
  for (const e of exposures) for (const s of e.trace) if (s.ruleRef?.kind === 'sg-rule') usedRules.add(s.ruleRef.securityGroupRuleId)
  const blockedBy = new Map<string, Blocked>()
  for (const b of blocked) for (const id of b.securityGroupRuleIds) if (!blockedBy.has(id)) blockedBy.set(id, b)
  const out: Finding[] = []
  for (const sg of model.securityGroups.values()) {
    for (const r of sg.ingress) {
      if (r.inet.isEmpty()) continue
      const breadth = breadthOf(r.inet)
      if (breadth !== 'world' && breadth !== 'broad') continue
      const allPorts = r.proto === ALL || (hasPorts(r.proto) && r.hi - r.lo + 1 > WIDE_PORT_RANGE) || (!hasPorts(r.proto) && r.proto !== 1 && r.proto !== 58)
      const sensitive = hasPorts(r.proto) || r.proto === ALL ? [...portsOf('admin', r.lo, r.hi), ...portsOf('database', r.lo, r.hi)] : []
      if (allPorts) {
        const exposed = usedRules.has(r.id)
        out.push({
          id: `ALL_TRAFFIC_RULE:${r.id}`, check: 'ALL_TRAFFIC_RULE', severity: exposed ? 'high' : 'medium',
          title: 'Security group rule allows all traffic (or a wide port range) from the internet',
          resourceIds: [sg.id, r.id], detail: `${sg.id} rule ${r.id} allows ${r.proto === ALL ? 'all protocols' : `protocol ${r.proto} ports ${r.lo}-${r.hi}`} from ${r.peer}; ${exposed ? 'interfaces are reachable through it' : why(blockedBy.get(r.id), model, sg.id)}.`,
          sources: [r.peer],
        })
        continue
      }
      if (sensitive.length === 0 || usedRules.has(r.id)) continue
      out.push({
        id: `OPEN_RULE_NOT_EXPOSED:${r.id}`, check: 'OPEN_RULE_NOT_EXPOSED', severity: 'medium',
        title: 'Admin or database port open to the internet in a security group (not reachable today)',
        resourceIds: [sg.id, r.id], ports: sensitive.map((p) => [p, p] as [number, number]), sources: [r.peer],
        detail: `${sg.id} rule ${r.id} allows ${sensitive.join(', ')} from ${r.peer}, but no interface is reachable through it: ${why(blockedBy.get(r.id), model, sg.id)}. One route, NACL or address change would expose it.`,
      })
    }
  }
  return out
}

function why(b: Blocked | undefined, model: Model, groupId: string): string {
  if (b) return `on ${b.eni} the first blocking layer is ${b.blockedBy.check} (${b.blockedBy.summary})`
  return (model.enisByGroup.get(groupId) ?? []).length === 0 ? 'no interface uses the group' : 'no path from the internet reaches the interfaces that use it'
}

function dedupe(ports: Array<[number, number]>): Array<[number, number]> {
  const seen = new Set<string>()
  return ports.filter(([a, b]) => { const k = `${a}-${b}`; if (seen.has(k)) return false; seen.add(k); return true }).sort((x, y) => x[0] - y[0])
}
