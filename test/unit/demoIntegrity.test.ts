import { describe, expect, it } from 'vitest'
import type { RegionInventory } from '../../shared/index.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'

// Address arithmetic written independently of the generator's, so a bug there cannot hide here.
function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}
function inV4Cidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/')
  const size = 2 ** (32 - Number(bits))
  return Math.floor(v4ToInt(ip) / size) === Math.floor(v4ToInt(base) / size)
}
function expandV6(ip: string): string[] {
  const [head, tail] = ip.split('::')
  const h = head ? head.split(':') : []
  const t = tail ? tail.split(':') : []
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t]
  return groups.map((g) => g.padStart(4, '0'))
}
function inV6Slash64(ip: string, cidr: string): boolean {
  return expandV6(ip).slice(0, 4).join(':') === expandV6(cidr.split('/')[0]).slice(0, 4).join(':')
}

/** Every dangling reference, duplicate id or misplaced address, as readable lines; empty when sound. */
function integrityProblems(r: RegionInventory): string[] {
  const problems: string[] = []
  const { ec2, elbv2 } = r
  const set = (what: string, values: string[]) => {
    const s = new Set(values)
    if (s.size !== values.length) problems.push(`duplicate ${what} ids`)
    return s
  }
  const vpcs = set('vpc', ec2.Vpcs.map((v) => v.VpcId))
  const subnets = new Map(ec2.Subnets.map((s) => [s.SubnetId, s]))
  set('subnet', ec2.Subnets.map((s) => s.SubnetId))
  const sgs = set('sg', ec2.SecurityGroups.map((g) => g.GroupId))
  const enis = new Map(ec2.NetworkInterfaces.map((e) => [e.NetworkInterfaceId, e]))
  set('eni', ec2.NetworkInterfaces.map((e) => e.NetworkInterfaceId))
  const instances = ec2.Reservations.flatMap((x) => x.Instances ?? [])
  const instanceIds = set('instance', instances.map((i) => i.InstanceId))
  const igws = set('igw', ec2.InternetGateways.map((g) => g.InternetGatewayId))
  const eigws = set('eigw', ec2.EgressOnlyInternetGateways.map((g) => g.EgressOnlyInternetGatewayId))
  const nats = set('nat', ec2.NatGateways.map((n) => n.NatGatewayId))
  const pcxs = set('pcx', ec2.VpcPeeringConnections.map((p) => p.VpcPeeringConnectionId))
  const vpces = set('vpce', ec2.VpcEndpoints.map((e) => e.VpcEndpointId))
  const pls = set('pl', ec2.ManagedPrefixLists.map((p) => p.PrefixListId))
  const rtbs = set('rtb', ec2.RouteTables.map((t) => t.RouteTableId))
  set('acl', ec2.NetworkAcls.map((a) => a.NetworkAclId))
  set('sgr', ec2.SecurityGroupRules.map((x) => x.SecurityGroupRuleId))
  set('eipalloc', ec2.Addresses.map((a) => a.AllocationId ?? ''))
  set('reservation', ec2.Reservations.map((x) => x.ReservationId ?? ''))
  const lbs = set('lb', elbv2.LoadBalancers.map((l) => l.LoadBalancerArn))
  const listeners = set('listener', elbv2.Listeners.map((l) => l.ListenerArn))
  const tgs = set('tg', elbv2.TargetGroups.map((t) => t.TargetGroupArn))
  set('tg name', elbv2.TargetGroups.map((t) => t.TargetGroupName ?? ''))
  set('rule', Object.values(elbv2.Rules).flat().map((x) => x.RuleArn))
  set('Name tag of instance', instances.map((i) => i.Tags?.find((t) => t.Key === 'Name')?.Value ?? ''))

  const need = (ok: boolean, message: string) => { if (!ok) problems.push(message) }
  const inSet = (s: Set<string> | Map<string, unknown>, id: string | undefined, what: string) => need(id !== undefined && s.has(id), `${what}: ${id} does not exist`)

  for (const s of ec2.Subnets) inSet(vpcs, s.VpcId, `subnet ${s.SubnetId} vpc`)
  for (const g of ec2.InternetGateways) for (const a of g.Attachments ?? []) inSet(vpcs, a.VpcId, `igw ${g.InternetGatewayId} vpc`)
  for (const g of ec2.EgressOnlyInternetGateways) for (const a of g.Attachments ?? []) inSet(vpcs, a.VpcId, 'eigw vpc')
  for (const p of ec2.VpcPeeringConnections) {
    inSet(vpcs, p.RequesterVpcInfo?.VpcId, 'peering requester')
    inSet(vpcs, p.AccepterVpcInfo?.VpcId, 'peering accepter')
  }

  const tableOf = new Map<string, string[]>()
  for (const t of ec2.RouteTables) {
    inSet(vpcs, t.VpcId, `route table ${t.RouteTableId} vpc`)
    for (const a of t.Associations ?? []) {
      if (a.Main) continue
      inSet(subnets, a.SubnetId, `route table ${t.RouteTableId} association`)
      need(subnets.get(a.SubnetId ?? '')?.VpcId === t.VpcId, `route table ${t.RouteTableId} associated with a subnet of another VPC`)
      tableOf.set(a.SubnetId ?? '', [...(tableOf.get(a.SubnetId ?? '') ?? []), t.RouteTableId])
    }
    for (const route of t.Routes ?? []) {
      const where = `route ${route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId} in ${t.RouteTableId}`
      if (route.GatewayId) need(route.GatewayId === 'local' || igws.has(route.GatewayId) || vpces.has(route.GatewayId), `${where}: gateway ${route.GatewayId} does not exist`)
      if (route.NatGatewayId) inSet(nats, route.NatGatewayId, where)
      if (route.EgressOnlyInternetGatewayId) inSet(eigws, route.EgressOnlyInternetGatewayId, where)
      if (route.VpcPeeringConnectionId) inSet(pcxs, route.VpcPeeringConnectionId, where)
      if (route.DestinationPrefixListId) inSet(pls, route.DestinationPrefixListId, where)
      need([route.GatewayId, route.NatGatewayId, route.EgressOnlyInternetGatewayId, route.VpcPeeringConnectionId].filter(Boolean).length === 1, `${where}: not exactly one target`)
    }
  }
  for (const vpc of vpcs) {
    need(ec2.RouteTables.filter((t) => t.VpcId === vpc && t.Associations?.some((a) => a.Main)).length === 1, `vpc ${vpc}: not exactly one main route table`)
    need(ec2.NetworkAcls.filter((a) => a.VpcId === vpc && a.IsDefault).length === 1, `vpc ${vpc}: not exactly one default NACL`)
    need(ec2.SecurityGroups.filter((g) => g.VpcId === vpc && g.GroupName === 'default').length === 1, `vpc ${vpc}: not exactly one default SG`)
  }
  for (const id of subnets.keys()) need((tableOf.get(id) ?? []).length <= 1, `subnet ${id}: several route tables`)

  const aclOf = new Map<string, number>()
  for (const acl of ec2.NetworkAcls) {
    inSet(vpcs, acl.VpcId, `nacl ${acl.NetworkAclId} vpc`)
    for (const a of acl.Associations ?? []) {
      inSet(subnets, a.SubnetId, `nacl ${acl.NetworkAclId} association`)
      need(subnets.get(a.SubnetId ?? '')?.VpcId === acl.VpcId, `nacl ${acl.NetworkAclId} associated with a subnet of another VPC`)
      need(a.NetworkAclId === acl.NetworkAclId, `nacl association names another NACL`)
      aclOf.set(a.SubnetId ?? '', (aclOf.get(a.SubnetId ?? '') ?? 0) + 1)
    }
    need(acl.Entries?.some((e) => e.RuleNumber === 32767 && e.Egress) === true && acl.Entries?.some((e) => e.RuleNumber === 32767 && !e.Egress) === true, `nacl ${acl.NetworkAclId}: no * rules`)
  }
  for (const id of subnets.keys()) need(aclOf.get(id) === 1, `subnet ${id}: ${aclOf.get(id) ?? 0} NACL associations`)

  for (const g of ec2.SecurityGroups) {
    inSet(vpcs, g.VpcId, `sg ${g.GroupId} vpc`)
    for (const p of [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])]) {
      for (const pair of p.UserIdGroupPairs ?? []) inSet(sgs, pair.GroupId, `sg ${g.GroupId} group pair`)
      for (const pl of p.PrefixListIds ?? []) inSet(pls, pl.PrefixListId, `sg ${g.GroupId} prefix list`)
    }
    const flat = ec2.SecurityGroupRules.filter((x) => x.GroupId === g.GroupId).length
    const nested = [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])]
      .reduce((n, p) => n + (p.IpRanges?.length ?? 0) + (p.Ipv6Ranges?.length ?? 0) + (p.PrefixListIds?.length ?? 0) + (p.UserIdGroupPairs?.length ?? 0), 0)
    need(flat === nested, `sg ${g.GroupId}: ${flat} flat rules but ${nested} sources in IpPermissions`)
  }
  for (const x of ec2.SecurityGroupRules) {
    inSet(sgs, x.GroupId, `rule ${x.SecurityGroupRuleId} group`)
    if (x.ReferencedGroupInfo) inSet(sgs, x.ReferencedGroupInfo.GroupId, `rule ${x.SecurityGroupRuleId} referenced group`)
    if (x.PrefixListId) inSet(pls, x.PrefixListId, `rule ${x.SecurityGroupRuleId} prefix list`)
  }

  const publicIps: string[] = []
  for (const e of ec2.NetworkInterfaces) {
    const subnet = subnets.get(e.SubnetId ?? '')
    inSet(subnets, e.SubnetId, `eni ${e.NetworkInterfaceId} subnet`)
    need(subnet?.VpcId === e.VpcId && subnet?.AvailabilityZone === e.AvailabilityZone, `eni ${e.NetworkInterfaceId}: VPC or AZ differs from its subnet's`)
    for (const g of e.Groups ?? []) inSet(sgs, g.GroupId, `eni ${e.NetworkInterfaceId} group`)
    if (e.Attachment?.InstanceId) inSet(instanceIds, e.Attachment.InstanceId, `eni ${e.NetworkInterfaceId} instance`)
    for (const p of e.PrivateIpAddresses ?? []) {
      need(subnet?.CidrBlock !== undefined && inV4Cidr(p.PrivateIpAddress ?? '', subnet.CidrBlock), `eni ${e.NetworkInterfaceId}: ${p.PrivateIpAddress} outside ${subnet?.CidrBlock}`)
      if (p.Association?.PublicIp) publicIps.push(p.Association.PublicIp)
    }
    need(e.PrivateIpAddresses?.[0]?.PrivateIpAddress === e.PrivateIpAddress, `eni ${e.NetworkInterfaceId}: primary IP mismatch`)
    for (const a of e.Ipv6Addresses ?? []) {
      const cidr = subnet?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock
      need(cidr !== undefined && inV6Slash64(a.Ipv6Address ?? '', cidr), `eni ${e.NetworkInterfaceId}: ${a.Ipv6Address} outside ${cidr}`)
    }
    if (e.InterfaceType === 'interface' && !e.RequesterManaged) need(e.Attachment?.InstanceId !== undefined, `eni ${e.NetworkInterfaceId}: instance ENI without instance`)
  }
  need(new Set(publicIps).size === publicIps.length, 'a public IP is used twice')
  const privateIps = ec2.NetworkInterfaces.flatMap((e) => (e.PrivateIpAddresses ?? []).map((p) => `${e.VpcId}/${p.PrivateIpAddress}`))
  need(new Set(privateIps).size === privateIps.length, 'a private IP is used twice in one VPC')

  for (const i of instances) {
    inSet(subnets, i.SubnetId, `instance ${i.InstanceId} subnet`)
    inSet(vpcs, i.VpcId, `instance ${i.InstanceId} vpc`)
    for (const g of i.SecurityGroups ?? []) inSet(sgs, g.GroupId, `instance ${i.InstanceId} group`)
    need((i.NetworkInterfaces ?? []).length > 0, `instance ${i.InstanceId}: no ENI`)
    for (const n of i.NetworkInterfaces ?? []) {
      const eni = enis.get(n.NetworkInterfaceId ?? '')
      need(eni?.Attachment?.InstanceId === i.InstanceId, `instance ${i.InstanceId}: ENI ${n.NetworkInterfaceId} missing or attached elsewhere`)
      if (n.Attachment?.DeviceIndex === 0) {
        need(eni?.PrivateIpAddress === i.PrivateIpAddress, `instance ${i.InstanceId}: private IP differs from its ENI's`)
        need(eni?.Association?.PublicIp === i.PublicIpAddress, `instance ${i.InstanceId}: public IP differs from its ENI's`)
      }
    }
  }
  for (const n of ec2.NatGateways) {
    inSet(subnets, n.SubnetId, `nat ${n.NatGatewayId} subnet`)
    inSet(vpcs, n.VpcId, `nat ${n.NatGatewayId} vpc`)
    for (const a of n.NatGatewayAddresses ?? []) {
      const eni = enis.get(a.NetworkInterfaceId ?? '')
      need(eni?.InterfaceType === 'nat_gateway' && eni.Description === `Interface for NAT Gateway ${n.NatGatewayId}`, `nat ${n.NatGatewayId}: ENI missing or mislabelled`)
      need(eni?.Association?.PublicIp === a.PublicIp && eni?.PrivateIpAddress === a.PrivateIp, `nat ${n.NatGatewayId}: addresses differ from its ENI's`)
    }
  }
  for (const a of ec2.Addresses) {
    const eni = enis.get(a.NetworkInterfaceId ?? '')
    need(eni !== undefined, `address ${a.AllocationId}: ENI ${a.NetworkInterfaceId} does not exist`)
    need(eni?.Association?.AllocationId === a.AllocationId && eni?.Association?.PublicIp === a.PublicIp, `address ${a.AllocationId}: ENI association differs`)
    if (a.InstanceId) inSet(instanceIds, a.InstanceId, `address ${a.AllocationId} instance`)
  }
  for (const e of ec2.VpcEndpoints) {
    inSet(vpcs, e.VpcId, `vpce ${e.VpcEndpointId} vpc`)
    for (const id of e.SubnetIds ?? []) inSet(subnets, id, `vpce ${e.VpcEndpointId} subnet`)
    for (const id of e.RouteTableIds ?? []) inSet(rtbs, id, `vpce ${e.VpcEndpointId} route table`)
    for (const g of e.Groups ?? []) inSet(sgs, g.GroupId, `vpce ${e.VpcEndpointId} group`)
    for (const id of e.NetworkInterfaceIds ?? []) {
      need(enis.get(id)?.Description === `VPC Endpoint Interface ${e.VpcEndpointId}`, `vpce ${e.VpcEndpointId}: ENI ${id} missing or mislabelled`)
    }
  }
  for (const id of Object.keys(ec2.PrefixListEntries)) inSet(pls, id, 'prefix list entries')

  for (const lb of elbv2.LoadBalancers) {
    inSet(vpcs, lb.VpcId, `lb ${lb.LoadBalancerName} vpc`)
    for (const z of lb.AvailabilityZones ?? []) inSet(subnets, z.SubnetId, `lb ${lb.LoadBalancerName} subnet`)
    for (const g of lb.SecurityGroups ?? []) inSet(sgs, g, `lb ${lb.LoadBalancerName} group`)
    const description = `ELB ${lb.LoadBalancerArn.split(':loadbalancer/')[1]}`
    const nodes = ec2.NetworkInterfaces.filter((e) => e.Description === description)
    need(nodes.length === (lb.AvailabilityZones ?? []).length, `lb ${lb.LoadBalancerName}: ${nodes.length} node ENIs`)
    for (const n of nodes) need(n.RequesterId === 'amazon-elb' && n.RequesterManaged === true, `lb ${lb.LoadBalancerName}: node ENI not requester-managed`)
  }
  const actionTargets = (actions: { TargetGroupArn?: string; ForwardConfig?: { TargetGroups?: { TargetGroupArn?: string }[] } }[]) =>
    actions.flatMap((a) => [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)]).filter((x) => x !== undefined)
  for (const l of elbv2.Listeners) {
    inSet(lbs, l.LoadBalancerArn, `listener ${l.ListenerArn} lb`)
    for (const arn of actionTargets(l.DefaultActions ?? [])) inSet(tgs, arn, `listener ${l.ListenerArn} action`)
  }
  for (const [arn, rules] of Object.entries(elbv2.Rules)) {
    inSet(listeners, arn, 'rules of listener')
    for (const rule of rules) for (const tg of actionTargets(rule.Actions ?? [])) inSet(tgs, tg, `rule ${rule.RuleArn} action`)
  }
  for (const tg of elbv2.TargetGroups) {
    inSet(vpcs, tg.VpcId, `tg ${tg.TargetGroupName} vpc`)
    for (const arn of tg.LoadBalancerArns ?? []) inSet(lbs, arn, `tg ${tg.TargetGroupName} lb`)
  }
  for (const [arn, health] of Object.entries(elbv2.TargetHealth)) {
    inSet(tgs, arn, 'target health of target group')
    for (const h of health) inSet(instanceIds, h.Target.Id, `target of ${arn}`)
  }
  for (const arn of Object.keys(elbv2.TargetGroupAttributes)) inSet(tgs, arn, 'attributes of target group')

  const everyId = [...vpcs, ...subnets.keys(), ...sgs, ...enis.keys(), ...instanceIds, ...igws, ...eigws, ...nats, ...pcxs, ...vpces, ...rtbs]
  need(new Set(everyId).size === everyId.length, 'an id is shared by two resources of different kinds')
  return problems
}

describe('demo referential integrity', () => {
  it('every version of the default demo is sound', () => {
    for (const v of generateDemoVersions({})) expect(integrityProblems(v.regions[0])).toEqual([])
  })

  it('the first and last versions at scale 2000 are sound', () => {
    const versions = generateDemoVersions({ scale: 2000 })
    expect(integrityProblems(versions[0].regions[0])).toEqual([])
    expect(integrityProblems(versions[versions.length - 1].regions[0])).toEqual([])
  })

  it('a larger account (four VPCs, 6,000 ENIs) is sound, names included', () => {
    expect(integrityProblems(generateDemoVersions({ scale: 6000 })[0].regions[0])).toEqual([])
  })

  it('the checker itself catches a dangling reference and an address outside its subnet', () => {
    const region = structuredClone(generateDemoVersions({})[0].regions[0])
    region.ec2.NetworkInterfaces[0].Groups = [{ GroupId: 'sg-0000000000000000', GroupName: 'gone' }]
    region.ec2.NetworkInterfaces[1].PrivateIpAddresses = [{ PrivateIpAddress: '192.168.1.1', Primary: true }]
    const problems = integrityProblems(region)
    expect(problems.some((p) => p.includes('sg-0000000000000000'))).toBe(true)
    expect(problems.some((p) => p.includes('192.168.1.1'))).toBe(true)
  })
})
