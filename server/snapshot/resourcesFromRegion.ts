import type { RegionInventory, Resource, ResourceKind, Tag } from '../../shared/index.ts'
import { classifyEni, loadBalancerKeyFromArn, loadBalancerKeyFromDescription } from './classifyEni.ts'
import { securityGroupRules } from './securityGroupRules.ts'
import { resolveSubnetRouting } from './subnetRouting.ts'
import { tagsToMap } from './tagsToMap.ts'

/** All resources of one account × region, with the relationships analysis and the graph need resolved. */
export function resourcesFromRegion(inv: RegionInventory): Resource[] {
  const { account, region, ec2, elbv2 } = inv
  const out: Resource[] = []
  const add = (kind: ResourceKind, id: string, raw: object, attributes: Record<string, unknown>,
    opts: { vpcId?: string; tags?: readonly Tag[]; name?: string } = {}) => {
    const tags = tagsToMap(opts.tags)
    const name = tags.Name ?? opts.name
    out.push({
      id, kind, account, region,
      ...(opts.vpcId ? { vpcId: opts.vpcId } : {}),
      ...(name !== undefined ? { name } : {}),
      tags, attributes, raw,
    })
  }

  for (const v of ec2.Vpcs) {
    add('vpc', v.VpcId, v, {
      cidrs4: (v.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock).filter(Boolean).concat(
        v.CidrBlockAssociationSet?.length ? [] : [v.CidrBlock]).filter(Boolean),
      cidrs6: (v.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock).filter(Boolean),
      isDefault: v.IsDefault ?? false,
    }, { vpcId: v.VpcId, tags: v.Tags })
  }

  const routing = resolveSubnetRouting(ec2.Subnets, ec2.RouteTables, ec2.NetworkAcls)
  for (const s of ec2.Subnets) {
    add('subnet', s.SubnetId, s, {
      availabilityZone: s.AvailabilityZone,
      cidr4: s.CidrBlock ?? null,
      cidrs6: (s.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock).filter(Boolean),
      mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
      ...routing.get(s.SubnetId),
    }, { vpcId: s.VpcId, tags: s.Tags })
  }

  for (const rt of ec2.RouteTables) {
    add('route-table', rt.RouteTableId, rt, {
      main: (rt.Associations ?? []).some((a) => a.Main),
      subnetIds: (rt.Associations ?? []).map((a) => a.SubnetId).filter(Boolean),
      gatewayIds: (rt.Associations ?? []).map((a) => a.GatewayId).filter(Boolean),
    }, { vpcId: rt.VpcId, tags: rt.Tags })
  }

  for (const acl of ec2.NetworkAcls) {
    add('network-acl', acl.NetworkAclId, acl, {
      isDefault: acl.IsDefault ?? false,
      subnetIds: (acl.Associations ?? []).map((a) => a.SubnetId).filter(Boolean),
    }, { vpcId: acl.VpcId, tags: acl.Tags })
  }

  for (const g of ec2.InternetGateways) {
    const att = (g.Attachments ?? []).find((a) => a.VpcId)
    add('internet-gateway', g.InternetGatewayId, g, { attachedVpcId: att?.VpcId ?? null, state: att?.State ?? 'detached' },
      { vpcId: att?.VpcId, tags: g.Tags })
  }
  for (const g of ec2.EgressOnlyInternetGateways) {
    const att = (g.Attachments ?? []).find((a) => a.VpcId)
    add('egress-only-internet-gateway', g.EgressOnlyInternetGatewayId, g,
      { attachedVpcId: att?.VpcId ?? null, state: att?.State ?? 'detached' }, { vpcId: att?.VpcId, tags: g.Tags })
  }

  for (const n of ec2.NatGateways) {
    if (n.State === 'deleted') continue
    add('nat-gateway', n.NatGatewayId, n, {
      subnetId: n.SubnetId ?? null,
      state: n.State ?? null,
      connectivityType: n.ConnectivityType ?? 'public',
      networkInterfaceIds: (n.NatGatewayAddresses ?? []).map((a) => a.NetworkInterfaceId).filter(Boolean),
      publicIps: (n.NatGatewayAddresses ?? []).map((a) => a.PublicIp).filter(Boolean),
    }, { vpcId: n.VpcId, tags: n.Tags })
  }

  for (const p of ec2.VpcPeeringConnections) {
    if (p.Status?.Code === 'deleted' || p.Status?.Code === 'rejected') continue
    add('vpc-peering-connection', p.VpcPeeringConnectionId, p, {
      status: p.Status?.Code ?? null,
      requesterVpcId: p.RequesterVpcInfo?.VpcId ?? null,
      requesterOwnerId: p.RequesterVpcInfo?.OwnerId ?? null,
      requesterRegion: p.RequesterVpcInfo?.Region ?? null,
      accepterVpcId: p.AccepterVpcInfo?.VpcId ?? null,
      accepterOwnerId: p.AccepterVpcInfo?.OwnerId ?? null,
      accepterRegion: p.AccepterVpcInfo?.Region ?? null,
    }, { tags: p.Tags })
  }

  for (const t of ec2.TransitGatewayAttachments) {
    add('transit-gateway-attachment', t.TransitGatewayAttachmentId, t, {
      transitGatewayId: t.TransitGatewayId ?? null, resourceType: t.ResourceType ?? null,
      resourceId: t.ResourceId ?? null, state: t.State ?? null,
    }, { vpcId: t.ResourceType === 'vpc' ? t.ResourceId : undefined, tags: t.Tags })
  }

  for (const e of ec2.VpcEndpoints) {
    add('vpc-endpoint', e.VpcEndpointId, e, {
      type: e.VpcEndpointType ?? null, serviceName: e.ServiceName ?? null, state: e.State ?? null,
      subnetIds: e.SubnetIds ?? [], routeTableIds: e.RouteTableIds ?? [],
      groupIds: (e.Groups ?? []).map((g) => g.GroupId).filter(Boolean),
      networkInterfaceIds: e.NetworkInterfaceIds ?? [],
    }, { vpcId: e.VpcId, tags: e.Tags })
  }

  for (const pl of ec2.ManagedPrefixLists) {
    add('prefix-list', pl.PrefixListId, pl, {
      addressFamily: pl.AddressFamily ?? null, maxEntries: pl.MaxEntries ?? null,
      entries: ec2.PrefixListEntries[pl.PrefixListId] ?? [],
      // Only when absent, so snapshots that have the entries keep their hash.
      ...(ec2.PrefixListEntries[pl.PrefixListId] ? {} : { entriesMissing: true }),
    }, { tags: pl.Tags, name: pl.PrefixListName })
  }

  const rulesByGroup = new Map<string, typeof ec2.SecurityGroupRules>()
  for (const r of ec2.SecurityGroupRules) {
    if (!r.GroupId) continue
    const list = rulesByGroup.get(r.GroupId) ?? []
    list.push(r)
    rulesByGroup.set(r.GroupId, list)
  }
  for (const g of ec2.SecurityGroups) {
    add('security-group', g.GroupId, g, {
      groupName: g.GroupName ?? null,
      description: g.Description ?? null,
      isDefault: g.GroupName === 'default',
      rules: securityGroupRules(g, rulesByGroup.get(g.GroupId) ?? []),
    }, { vpcId: g.VpcId, tags: g.Tags, name: g.GroupName })
  }

  const natByEni = new Map<string, string>()
  for (const n of ec2.NatGateways) for (const a of n.NatGatewayAddresses ?? []) if (a.NetworkInterfaceId) natByEni.set(a.NetworkInterfaceId, n.NatGatewayId)
  const endpointByEni = new Map<string, string>()
  for (const e of ec2.VpcEndpoints) for (const id of e.NetworkInterfaceIds ?? []) endpointByEni.set(id, e.VpcEndpointId)
  const lbByKey = new Map<string, string>()
  for (const lb of elbv2.LoadBalancers) {
    const key = loadBalancerKeyFromArn(lb.LoadBalancerArn)
    if (key) lbByKey.set(key, lb.LoadBalancerArn)
  }
  const eniIdsByLb = new Map<string, string[]>()

  for (const eni of ec2.NetworkInterfaces) {
    const eniKind = classifyEni(eni)
    const lbArn = lbByKey.get(loadBalancerKeyFromDescription(eni.Description) ?? '')
    const owner = eni.Attachment?.InstanceId ?? natByEni.get(eni.NetworkInterfaceId)
      ?? endpointByEni.get(eni.NetworkInterfaceId) ?? lbArn ?? null
    if (lbArn) eniIdsByLb.set(lbArn, [...(eniIdsByLb.get(lbArn) ?? []), eni.NetworkInterfaceId])
    const privateIps = (eni.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress).filter(Boolean) as string[]
    if (privateIps.length === 0 && eni.PrivateIpAddress) privateIps.push(eni.PrivateIpAddress)
    const publicIps = [
      ...(eni.PrivateIpAddresses ?? []).map((p) => p.Association?.PublicIp),
      eni.Association?.PublicIp,
    ].filter((ip, i, all): ip is string => !!ip && all.indexOf(ip) === i)
    add('network-interface', eni.NetworkInterfaceId, eni, {
      eniKind,
      owner,
      subnetId: eni.SubnetId ?? null,
      availabilityZone: eni.AvailabilityZone ?? null,
      status: eni.Status ?? null,
      privateIps,
      publicIps,
      ipv6: (eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address).filter(Boolean),
      groupIds: (eni.Groups ?? []).map((g) => g.GroupId).filter(Boolean),
    }, { vpcId: eni.VpcId, tags: eni.TagSet, name: eni.Description || undefined })
  }

  for (const r of ec2.Reservations) {
    for (const i of r.Instances ?? []) {
      if (i.State?.Name === 'terminated') continue
      add('instance', i.InstanceId, i, {
        state: i.State?.Name ?? null,
        instanceType: i.InstanceType ?? null,
        subnetId: i.SubnetId ?? null,
        availabilityZone: i.Placement?.AvailabilityZone ?? null,
        networkInterfaceIds: (i.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId).filter(Boolean),
        primaryNetworkInterfaceId: (i.NetworkInterfaces ?? []).find((n) => n.Attachment?.DeviceIndex === 0)?.NetworkInterfaceId ?? null,
        privateIp: i.PrivateIpAddress ?? null,
        publicIp: i.PublicIpAddress ?? null,
        groupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId).filter(Boolean),
      }, { vpcId: i.VpcId, tags: i.Tags })
    }
  }

  for (const a of ec2.Addresses) {
    add('elastic-ip', a.AllocationId ?? a.PublicIp ?? 'unknown-address', a, {
      publicIp: a.PublicIp ?? null, networkInterfaceId: a.NetworkInterfaceId ?? null,
      instanceId: a.InstanceId ?? null, privateIp: a.PrivateIpAddress ?? null, associated: !!a.AssociationId,
    }, { tags: a.Tags, name: a.PublicIp })
  }

  for (const lb of elbv2.LoadBalancers) {
    add('load-balancer', lb.LoadBalancerArn, lb, {
      type: lb.Type ?? null, scheme: lb.Scheme ?? null, state: lb.State?.Code ?? null,
      dnsName: lb.DNSName ?? null,
      subnetIds: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId).filter(Boolean),
      securityGroupIds: lb.SecurityGroups ?? [],
      ipAddressType: lb.IpAddressType ?? null,
      networkInterfaceIds: (eniIdsByLb.get(lb.LoadBalancerArn) ?? []).sort(),
    }, { vpcId: lb.VpcId, name: lb.LoadBalancerName })
  }

  const lbVpc = new Map(elbv2.LoadBalancers.map((lb) => [lb.LoadBalancerArn, lb.VpcId]))
  for (const l of elbv2.Listeners) {
    add('listener', l.ListenerArn, l, {
      loadBalancerArn: l.LoadBalancerArn ?? null, port: l.Port ?? null, protocol: l.Protocol ?? null,
    }, { vpcId: lbVpc.get(l.LoadBalancerArn ?? ''), name: `${l.Protocol ?? ''}:${l.Port ?? ''}` })
  }
  const listenerLb = new Map(elbv2.Listeners.map((l) => [l.ListenerArn, l.LoadBalancerArn ?? '']))
  for (const [listenerArn, rules] of Object.entries(elbv2.Rules)) {
    for (const rule of rules) {
      // Default rules repeat the listener's DefaultActions; the listener already carries them.
      if (rule.IsDefault) continue
      add('listener-rule', rule.RuleArn, rule, { listenerArn, priority: rule.Priority ?? null },
        { vpcId: lbVpc.get(listenerLb.get(listenerArn) ?? ''), name: `priority ${rule.Priority ?? ''}` })
    }
  }

  for (const tg of elbv2.TargetGroups) {
    const settings = Object.fromEntries((elbv2.TargetGroupAttributes[tg.TargetGroupArn] ?? []).map((a) => [a.Key, a.Value ?? '']))
    add('target-group', tg.TargetGroupArn, tg, {
      targetType: tg.TargetType ?? null, protocol: tg.Protocol ?? null, port: tg.Port ?? null,
      loadBalancerArns: tg.LoadBalancerArns ?? [],
      targets: elbv2.TargetHealth[tg.TargetGroupArn] ?? [],
      settings,
    }, { vpcId: tg.VpcId, name: tg.TargetGroupName })
  }
  return out
}
