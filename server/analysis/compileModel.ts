import type {
  Action, ElasticIpAttrs, InternetGateway, Listener, LoadBalancer, NetworkAcl, NetworkInterface, PrefixListEntry, Resource, RouteTable,
  Rule, SecurityGroupRule, Snapshot, Subnet, TargetHealthDescription, Vpc, VpcPeeringConnection,
} from './compileInputs.ts'
import { AddressSet } from './AddressSet.ts'
import { compileNacl } from './compileNacl.ts'
import { compileRouteTable } from './compileRouteTable.ts'
import { compileSecurityGroupRules } from './compileSecurityGroup.ts'
import { INTERNET } from './internetSpace.ts'
import { parseCidr, parseIpv6 } from '../../shared/network/index.ts'
import type { BpaMode, EniC, ListenerC, LoadBalancerC, Model, PrefixListC, SecurityGroupC, TargetGroupC } from './Model.ts'

/** Snapshot → Model: parse every rule once and resolve every relationship analysis follows. Pure. */
export function compileModel(snapshot: Snapshot): Model {
  const byKind = new Map<string, Resource[]>()
  for (const r of snapshot.resources) {
    const list = byKind.get(r.kind)
    if (list) list.push(r)
    else byKind.set(r.kind, [r])
  }
  const of = (kind: string) => byKind.get(kind) ?? []
  const accounts = new Set(snapshot.accounts)

  const prefixLists = new Map<string, PrefixListC>()
  const prefixListCidrs = new Map<string, string[]>()
  for (const r of of('prefix-list')) {
    const entries = (r.attributes.entries as PrefixListEntry[] | undefined) ?? []
    const cidrs = entries.map((e) => e.Cidr)
    prefixListCidrs.set(r.id, cidrs)
    prefixLists.set(r.id, { id: r.id, name: r.name ?? r.id, addrs: AddressSet.fromCidrs(cidrs), entries: cidrs.length })
  }

  const peerings = new Map<string, { id: string; status: string; vpcIds: [string, string] }>()
  for (const r of of('vpc-peering-connection')) {
    const p = r.raw as VpcPeeringConnection
    peerings.set(r.id, { id: r.id, status: p.Status?.Code ?? 'unknown', vpcIds: [p.RequesterVpcInfo?.VpcId ?? '', p.AccepterVpcInfo?.VpcId ?? ''] })
  }

  const igwByVpc = new Map<string, string>()
  for (const r of of('internet-gateway')) {
    for (const a of (r.raw as InternetGateway).Attachments ?? []) {
      if (a.VpcId && (a.State === 'available' || a.State === 'attached')) igwByVpc.set(a.VpcId, r.id)
    }
  }
  const eigwByVpc = new Map<string, string[]>()
  for (const r of of('egress-only-internet-gateway')) {
    const vpcId = r.attributes.attachedVpcId as string | null
    if (vpcId) eigwByVpc.set(vpcId, [...(eigwByVpc.get(vpcId) ?? []), r.id])
  }

  const vpcs = new Map<string, Model['vpcs'] extends Map<string, infer V> ? V : never>()
  for (const r of of('vpc')) {
    const v = r.raw as Vpc
    const cidrs = [...((r.attributes.cidrs4 as string[]) ?? []), ...((r.attributes.cidrs6 as string[]) ?? [])]
    vpcs.set(r.id, {
      id: r.id, account: r.account, region: r.region, cidrs: AddressSet.fromCidrs(cidrs),
      igwId: igwByVpc.get(r.id) ?? null, eigwIds: eigwByVpc.get(r.id) ?? [], bpaMode: bpaOf(v) ?? 'off',
    })
  }

  const subnets = new Map<string, Model['subnets'] extends Map<string, infer V> ? V : never>()
  for (const r of of('subnet')) {
    const s = r.raw as Subnet
    const a = r.attributes
    subnets.set(r.id, {
      id: r.id, vpcId: s.VpcId, az: (a.availabilityZone as string) ?? s.AvailabilityZone ?? null,
      cidrs: AddressSet.fromCidrs([...(a.cidr4 ? [a.cidr4 as string] : []), ...((a.cidrs6 as string[]) ?? [])]),
      routeTableId: (a.routeTableId as string | null) ?? null, naclId: (a.naclId as string | null) ?? null,
      bpaMode: bpaOf(s), mapPublicIpOnLaunch: !!a.mapPublicIpOnLaunch,
    })
  }

  const routeTables = new Map<string, ReturnType<typeof compileRouteTable>>()
  const gatewayRouteTables = new Map<string, ReturnType<typeof compileRouteTable>>()
  for (const r of of('route-table')) {
    const rt = compileRouteTable(r.raw as RouteTable, prefixLists, prefixListCidrs)
    routeTables.set(r.id, rt)
    for (const g of rt.gatewayIds) gatewayRouteTables.set(g, rt)
  }

  const nacls = new Map<string, ReturnType<typeof compileNacl>>()
  for (const r of of('network-acl')) nacls.set(r.id, compileNacl(r.raw as NetworkAcl, (r.attributes.subnetIds as string[]) ?? []))

  const groupIds = new Set(of('security-group').map((r) => r.id))
  const securityGroups = new Map<string, SecurityGroupC>()
  const lookup = { prefixLists, groups: groupIds, accounts, peerings, peerCache: new Map() }
  for (const r of of('security-group')) {
    const owner = (r.raw as { OwnerId?: string }).OwnerId ?? r.account
    const rules = compileSecurityGroupRules(r.id, owner, (r.attributes.rules as SecurityGroupRule[]) ?? [], lookup)
    securityGroups.set(r.id, {
      id: r.id, vpcId: r.vpcId ?? null, account: r.account, name: r.name ?? r.id, isDefault: !!r.attributes.isDefault,
      ingress: rules.filter((x) => x.direction === 'ingress'), egress: rules.filter((x) => x.direction === 'egress'),
    })
  }

  const enis = new Map<string, EniC>()
  const enisByIp = new Map<string, string>()
  const enisByGroup = new Map<string, string[]>()
  for (const r of of('network-interface')) {
    const raw = r.raw as NetworkInterface
    const a = r.attributes
    const privateIps = (a.privateIps as string[]) ?? []
    const ipv6 = (a.ipv6 as string[]) ?? []
    const publicPairs: EniC['publicPairs'] = []
    for (const p of raw.PrivateIpAddresses ?? []) {
      if (p.Association?.PublicIp && p.PrivateIpAddress) publicPairs.push({ public: p.Association.PublicIp, private: p.PrivateIpAddress })
    }
    if (raw.Association?.PublicIp && !publicPairs.some((p) => p.public === raw.Association!.PublicIp)) {
      publicPairs.push({ public: raw.Association.PublicIp, private: raw.PrivateIpAddress ?? privateIps[0] ?? '' })
    }
    const eni: EniC = {
      id: r.id, kind: (a.eniKind as string) ?? 'other', owner: (a.owner as string | null) ?? null, account: r.account,
      subnetId: (a.subnetId as string | null) ?? null, vpcId: r.vpcId ?? null, az: (a.availabilityZone as string | null) ?? null,
      status: (a.status as string | null) ?? null, privateIps, private: AddressSet.fromCidrs([...privateIps, ...ipv6]),
      publicPairs, ipv6, ipv6Global: ipv6.filter(isInternetIpv6),
      groupIds: (a.groupIds as string[]) ?? [], denyAllIgw: raw.DenyAllIgwTraffic === true,
    }
    enis.set(r.id, eni)
    for (const ip of [...privateIps, ...ipv6]) enisByIp.set(canonicalIp(ip), r.id)
    for (const g of eni.groupIds) {
      const list = enisByGroup.get(g)
      if (list) list.push(r.id)
      else enisByGroup.set(g, [r.id])
    }
  }

  const instances = new Map<string, { primaryEniId: string | null; privateIp: string | null; state: string | null }>()
  for (const r of of('instance')) {
    const a = r.attributes
    instances.set(r.id, {
      primaryEniId: (a.primaryNetworkInterfaceId as string | null) ?? ((a.networkInterfaceIds as string[]) ?? [])[0] ?? null,
      privateIp: (a.privateIp as string | null) ?? null, state: (a.state as string | null) ?? null,
    })
  }

  const rulesByListener = new Map<string, Rule[]>()
  for (const r of of('listener-rule')) {
    const listenerArn = r.attributes.listenerArn as string
    rulesByListener.set(listenerArn, [...(rulesByListener.get(listenerArn) ?? []), r.raw as Rule])
  }
  const listenersByLb = new Map<string, ListenerC[]>()
  for (const r of of('listener')) {
    const l = r.raw as Listener
    const lbArn = l.LoadBalancerArn ?? ''
    const forwards: ListenerC['forwards'] = forwardsOf(l.DefaultActions ?? [])
    for (const rule of rulesByListener.get(l.ListenerArn) ?? []) {
      for (const f of forwardsOf(rule.Actions ?? [])) forwards.push({ ...f, ruleArn: rule.RuleArn })
    }
    const listener: ListenerC = {
      arn: l.ListenerArn, lbArn, port: l.Port ?? 0, protocol: l.Protocol ?? 'TCP', forwards,
      redirects: (l.DefaultActions ?? []).some((a) => a.Type === 'redirect'),
    }
    listenersByLb.set(lbArn, [...(listenersByLb.get(lbArn) ?? []), listener])
  }
  const loadBalancers = new Map<string, LoadBalancerC>()
  for (const r of of('load-balancer')) {
    const lb = r.raw as LoadBalancer
    loadBalancers.set(r.id, {
      arn: r.id, name: lb.LoadBalancerName ?? r.id, type: lb.Type ?? 'application', scheme: lb.Scheme ?? 'internet-facing',
      state: lb.State?.Code ?? null, vpcId: lb.VpcId ?? null,
      subnetIds: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId).filter((s): s is string => !!s),
      securityGroupIds: lb.SecurityGroups ?? [], ipAddressType: lb.IpAddressType ?? 'ipv4',
      eniIds: (r.attributes.networkInterfaceIds as string[]) ?? [],
      listeners: (listenersByLb.get(r.id) ?? []).sort((a, b) => a.port - b.port),
    })
  }
  const targetGroups = new Map<string, TargetGroupC>()
  for (const r of of('target-group')) {
    const a = r.attributes
    targetGroups.set(r.id, {
      arn: r.id, protocol: (a.protocol as string) ?? 'TCP', port: (a.port as number | null) ?? null,
      targetType: (a.targetType as string) ?? 'instance', vpcId: r.vpcId ?? null,
      targets: ((a.targets as TargetHealthDescription[]) ?? []).map((t) => ({
        id: t.Target.Id, port: t.Target.Port ?? (a.port as number) ?? 0, az: t.Target.AvailabilityZone ?? null,
      })),
      settings: (a.settings as Record<string, string>) ?? {},
    })
  }

  const vpcEndpointGroups = new Map<string, string[]>()
  for (const r of of('vpc-endpoint')) vpcEndpointGroups.set(r.id, (r.attributes.groupIds as string[]) ?? [])
  const elasticIps = of('elastic-ip').map((r) => {
    const a = r.attributes as unknown as ElasticIpAttrs
    return { id: r.id, publicIp: a.publicIp ?? null, associated: !!a.associated }
  })

  return {
    vpcs, subnets, routeTables, nacls, securityGroups, enis, enisByIp, enisByGroup, instances, loadBalancers, targetGroups,
    prefixLists, gatewayRouteTables, peerings, vpcEndpointGroups, elasticIps, accounts,
  }
}

function forwardsOf(actions: readonly Action[]): ListenerC['forwards'] {
  const out: ListenerC['forwards'] = []
  for (const a of actions) {
    if (a.Type !== 'forward') continue
    const arns = a.ForwardConfig?.TargetGroups?.map((t) => t.TargetGroupArn) ?? [a.TargetGroupArn]
    for (const arn of arns) if (arn && !out.some((f) => f.targetGroupArn === arn)) out.push({ targetGroupArn: arn })
  }
  return out
}

function bpaOf(x: object): BpaMode | null {
  const mode = (x as { BlockPublicAccessStates?: { InternetGatewayBlockMode?: string } }).BlockPublicAccessStates?.InternetGatewayBlockMode
  return mode === 'block-bidirectional' || mode === 'block-ingress' || mode === 'off' ? mode : null
}

function isInternetIpv6(ip: string): boolean {
  const v = parseIpv6(ip)
  return v !== undefined && INTERNET.v6.contains(v)
}

/** IPv6 text has many spellings; index and look up by one. */
export function canonicalIp(ip: string): string {
  if (!ip.includes(':')) return ip.trim()
  const p = parseCidr(ip.trim())
  if (!p) return ip.trim()
  return `v6:${p.lo.toString(16)}`
}
