/**
 * The exposure overlay of the Infrastructure view, as a pure function of the view's elements and the
 * exposure report: internet-reachable interfaces, their instances and load balancers get the classes
 * `exposed sev-<severity>` and a label that leads with the severity word and the open ports (so the
 * overlay reads without colour); a port filter dims every resource not exposed on that port. With a
 * policy (`serve --policy`), an element whose every exposure is accepted gets the class `accepted`
 * and a label that leads with ACCEPTED; one with some accepted takes its severity from the others.
 */
import type { ElementDefinition } from 'cytoscape'
import { SEVERITIES, type Severity, type Exposure, type ExposureBrief, type UnknownVerdict } from '../../../shared/index.ts'

/** What the overlay reads: the slim summary (GET …/exposure/summary) or the full report, which has every field of it. */
export interface ExposureOverlayInput {
  exposures: readonly ExposureBrief[]
  /** Verdicts the data cannot decide: their elements are drawn as unknown. */
  unknown?: readonly Pick<UnknownVerdict, 'resourceIds'>[]
}
import { truncate } from './toElements.ts'

export const SEVERITY_WORD: Record<Severity, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW', info: 'INFO' }

/** `tcp/22`, `udp/53`, `tcp/1024-65535`, `all`, `icmp`, `proto/50`: one exposure's protocol and ports. */
export function exposurePorts(e: Pick<Exposure, 'protocol' | 'ports'>): string {
  const [from, to] = e.ports
  if (e.protocol === 'all') return 'all'
  if (e.protocol === 'other') return 'other protocols'
  if (e.protocol === 'tcp' || e.protocol === 'udp') return from === 0 && to === 65535 ? `${e.protocol}/all` : from === to ? `${e.protocol}/${from}` : `${e.protocol}/${from}-${to}`
  if (e.protocol === 'icmp' || e.protocol === 'icmpv6') return e.protocol
  return `proto/${e.protocol}`
}

/** True when the exposure opens `port` (TCP or UDP; an all-traffic exposure opens every port). */
export function opensPort(e: Pick<Exposure, 'protocol' | 'ports'>, port: number): boolean {
  return (e.protocol === 'tcp' || e.protocol === 'udp' || e.protocol === 'all') && e.ports[0] <= port && port <= e.ports[1]
}

/** The diagram elements an exposure is about: the interface, its owner (instance, load balancer…) and the load balancer in front. */
export function exposureSubjects(e: Pick<ExposureBrief, 'eni' | 'resource' | 'lb'>): string[] {
  const ids = [e.eni]
  if (e.resource !== null) ids.push(e.resource)
  if (e.lb && e.lb.loadBalancerArn !== e.resource) ids.push(e.lb.loadBalancerArn)
  return ids
}

export interface NodeExposure {
  /** The worst severity of the exposures no policy accepts; of all of them when every one is accepted. */
  severity: Severity
  ports: string[]
  exposures: ExposureBrief[]
  /** How many of `exposures` a policy accepts. */
  accepted: number
}

/** Element id → its exposures, worst severity and open ports (the listener port for a load balancer in front). */
export function exposureByElement(report: ExposureOverlayInput): Map<string, NodeExposure> {
  const out = new Map<string, NodeExposure>()
  for (const e of report.exposures) {
    for (const id of exposureSubjects(e)) {
      const entry = out.get(id) ?? { severity: 'info' as Severity, ports: [], exposures: [], accepted: 0 }
      const ports = e.lb && id === e.lb.loadBalancerArn && id !== e.resource ? `tcp/${e.lb.listenerPort}` : exposurePorts(e)
      if (!entry.ports.includes(ports)) entry.ports.push(ports)
      entry.exposures.push(e)
      if (e.accepted) entry.accepted++
      out.set(id, entry)
    }
  }
  for (const entry of out.values()) {
    entry.ports.sort((a, b) => firstPort(a) - firstPort(b) || (a < b ? -1 : 1))
    // An accepted exposure does not raise the severity of an element that has others: those still need a look.
    const open = entry.exposures.filter((e) => !e.accepted)
    entry.severity = worstSeverity(open.length > 0 ? open : entry.exposures)
  }
  return out
}

const worstSeverity = (exposures: readonly ExposureBrief[]): Severity =>
  exposures.reduce<Severity>((worst, e) => (SEVERITIES.indexOf(e.severity) < SEVERITIES.indexOf(worst) ? e.severity : worst), 'info')

/** The report without the exposures a policy accepts ("hide accepted"). */
export function withoutAccepted<T extends ExposureOverlayInput>(report: T): T {
  return report.exposures.some((e) => e.accepted) ? { ...report, exposures: report.exposures.filter((e) => !e.accepted) } : report
}

/** Interfaces that are exposed, and those of them whose every exposure a policy accepts. */
export function exposedInterfaceCounts(report: ExposureOverlayInput): { exposed: number; accepted: number } {
  const open = new Set<string>()
  const all = new Set<string>()
  for (const e of report.exposures) {
    all.add(e.eni)
    if (!e.accepted) open.add(e.eni)
  }
  return { exposed: all.size, accepted: all.size - open.size }
}

/** `tcp/80 tcp/443 udp/53` → `tcp/80,443 udp/53`: the ports of one protocol after one name, to fit a node. */
export function compactPorts(ports: readonly string[]): string {
  const byProtocol = new Map<string, string[]>()
  for (const p of ports) {
    const i = p.indexOf('/')
    const [proto, rest] = i < 0 ? [p, ''] : [p.slice(0, i), p.slice(i + 1)]
    byProtocol.set(proto, [...(byProtocol.get(proto) ?? []), ...(rest === '' ? [] : [rest])])
  }
  return [...byProtocol].map(([proto, list]) => (list.length === 0 ? proto : `${proto}/${list.join(',')}`)).join(' ')
}

const firstPort = (p: string) => {
  const n = Number.parseInt(p.slice(p.indexOf('/') + 1), 10)
  return Number.isNaN(n) ? -1 : n
}

/** Ids of the elements exposed on `port`: the interfaces, their owners, and load balancers listening on it. */
export function exposedOnPort(report: ExposureOverlayInput, port: number): Set<string> {
  const out = new Set<string>()
  for (const e of report.exposures) {
    if (opensPort(e, port)) {
      out.add(e.eni)
      if (e.resource !== null) out.add(e.resource)
    }
    if (e.lb && e.lb.listenerPort === port) out.add(e.lb.loadBalancerArn)
  }
  return out
}

/**
 * The Infrastructure view's elements with the overlay applied. `port` (or null) dims every resource
 * and gateway that is not exposed on it, and every edge that does not join two undimmed nodes;
 * containers (VPC, AZ, subnet) stay as they are, for context.
 */
export function applyExposureOverlay(elements: ElementDefinition[], report: ExposureOverlayInput, port: number | null): ElementDefinition[] {
  const byElement = exposureByElement(report)
  // Elements whose exposure the data cannot decide: neither coloured as exposed nor left plain.
  const unknown = new Set((report.unknown ?? []).flatMap((u) => u.resourceIds))
  const open = port === null ? null : exposedOnPort(report, port)
  const inContainer = exposedPerContainer(report)
  const lit = new Set<string>()
  const out = elements.map((el) => {
    const id = String(el.data.id)
    const classes = Array.isArray(el.classes) ? [...el.classes] : typeof el.classes === 'string' ? el.classes.split(/\s+/).filter(Boolean) : []
    if (el.group === 'edges') return { el, classes }
    if (classes.includes('container')) {
      lit.add(id)
      // VPCs and collapsed subnets count what they hold that the internet reaches: readable at overview.
      const count = inContainer.get(id)
      if (count && (el.data.kind === 'vpc' || classes.includes('collapsed'))) {
        return { el: { ...el, data: { ...el.data, label: `${String(el.data.label ?? '')}\n${exposedCountLine(count)}`, exposedCount: count.enis.size } }, classes }
      }
      return { el, classes }
    }
    const exposure = byElement.get(id)
    let data = el.data
    if (exposure) {
      const allAccepted = exposure.accepted === exposure.exposures.length
      classes.push('exposed', `sev-${exposure.severity}`)
      if (allAccepted) classes.push('accepted')
      const lines = String(el.data.label ?? '').split('\n')
      const ports = compactPorts(exposure.ports)
      const keep = el.data.kind === 'network-interface' ? lines[0] : (lines[1] ?? lines[0])
      // Accepted reads without colour too: the word replaces the severity's (the severity stays in the border).
      const word = allAccepted ? 'ACCEPTED' : SEVERITY_WORD[exposure.severity]
      data = {
        ...el.data, label: `${word} ${truncate(ports, allAccepted ? 10 : 14)}\n${keep}`, severity: exposure.severity,
        ...(exposure.accepted > 0 ? { accepted: allAccepted ? 'all' : 'some' } : {}),
      }
    } else if (unknown.has(id)) {
      classes.push('exposure-unknown')
      const lines = String(el.data.label ?? '').split('\n')
      data = { ...el.data, label: `UNKNOWN\n${el.data.kind === 'network-interface' ? lines[0] : (lines[1] ?? lines[0])}`, exposure: 'unknown' }
    }
    if (open !== null && !open.has(id)) classes.push('dimmed')
    else lit.add(id)
    return { el: { ...el, data }, classes }
  })
  return out.map(({ el, classes }) => {
    if (el.group === 'edges' && open !== null && !(lit.has(String(el.data.source)) && lit.has(String(el.data.target)))) classes.push('dimmed')
    return { ...el, classes }
  })
}

interface ContainerExposure {
  enis: Set<string>
  /** The interfaces with an exposure no policy accepts (all of `enis` without a policy). */
  open: Set<string>
  /** Worst of the exposures no policy accepts; of all when every one is accepted. */
  severity: Severity
}

/** VPC and subnet id → the interfaces in it that the internet reaches, and the worst severity. */
export function exposedPerContainer(report: ExposureOverlayInput): Map<string, ContainerExposure> {
  const out = new Map<string, ContainerExposure & { all: ExposureBrief[] }>()
  for (const e of report.exposures) {
    for (const id of [e.vpcId, e.subnetId]) {
      if (id === null) continue
      const entry = out.get(id) ?? { enis: new Set<string>(), open: new Set<string>(), severity: e.severity, all: [] }
      entry.enis.add(e.eni)
      if (!e.accepted) entry.open.add(e.eni)
      entry.all.push(e)
      out.set(id, entry)
    }
  }
  const result = new Map<string, ContainerExposure>()
  for (const [id, { all, ...entry }] of out) {
    const open = all.filter((e) => !e.accepted)
    result.set(id, { ...entry, severity: worstSeverity(open.length > 0 ? open : all) })
  }
  return result
}

/** `▲ 12 exposed interfaces · worst CRIT` (`· 2 accepted` with a policy): the line a VPC or collapsed subnet gets under its name. */
export function exposedCountLine(c: ContainerExposure): string {
  const n = c.enis.size
  const accepted = n - c.open.size
  return `▲ ${n.toLocaleString('en-US')} exposed interface${n === 1 ? '' : 's'} · worst ${SEVERITY_WORD[c.severity]}${accepted > 0 ? ` · ${accepted.toLocaleString('en-US')} accepted` : ''}`
}
