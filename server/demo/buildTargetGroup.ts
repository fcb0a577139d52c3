import type { TargetGroup } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import type { VpcRef } from './vpcRef.ts'
import type { DemoBuilder } from './demoBuilder.ts'
import type { LoadBalancerRef } from './buildLoadBalancer.ts'

export interface TargetGroupSpec {
  name: string
  vpc: VpcRef
  loadBalancer: LoadBalancerRef
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'TLS'
  port: number
  /** Instance targets: the instance id and its AZ. */
  targets: { instanceId: string; az: string }[]
  healthCheckPath?: string
}

/** A target group with instance targets, its DescribeTargetHealth and DescribeTargetGroupAttributes. */
export function buildTargetGroup(b: DemoBuilder, spec: TargetGroupSpec): string {
  const arn = `arn:aws:elasticloadbalancing:${b.region}:${b.account}:targetgroup/${spec.name}/${b.ids.hex(`tg:${spec.name}`, 16)}`
  const isHttp = spec.protocol === 'HTTP' || spec.protocol === 'HTTPS'
  b.inv.elbv2.TargetGroups.push(sdkShape<TargetGroup>({
    TargetGroupArn: arn,
    TargetGroupName: spec.name,
    Protocol: spec.protocol,
    Port: spec.port,
    VpcId: spec.vpc.vpcId,
    HealthCheckProtocol: isHttp ? spec.protocol : 'TCP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: isHttp ? 15 : 30,
    HealthCheckTimeoutSeconds: isHttp ? 5 : 10,
    HealthyThresholdCount: isHttp ? 3 : 5,
    UnhealthyThresholdCount: 2,
    ...(isHttp && { HealthCheckPath: spec.healthCheckPath ?? '/healthz', Matcher: { HttpCode: '200' } }),
    LoadBalancerArns: [spec.loadBalancer.arn],
    TargetType: 'instance',
    ...(isHttp && { ProtocolVersion: 'HTTP1' }),
    IpAddressType: 'ipv4',
  }))
  b.inv.elbv2.TargetHealth[arn] = spec.targets.map((t) => ({
    Target: { Id: t.instanceId, Port: spec.port, AvailabilityZone: t.az },
    HealthCheckPort: String(spec.port),
    TargetHealth: { State: 'healthy' },
  }))
  b.inv.elbv2.TargetGroupAttributes[arn] = spec.loadBalancer.type === 'application'
    ? [
      { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
      { Key: 'stickiness.enabled', Value: 'false' },
      { Key: 'stickiness.type', Value: 'lb_cookie' },
      { Key: 'load_balancing.algorithm.type', Value: 'round_robin' },
      { Key: 'slow_start.duration_seconds', Value: '0' },
    ]
    : [
      { Key: 'deregistration_delay.timeout_seconds', Value: '300' },
      // The default for instance targets: the targets see the clients' own addresses.
      { Key: 'preserve_client_ip.enabled', Value: 'true' },
      { Key: 'proxy_protocol_v2.enabled', Value: 'false' },
      { Key: 'stickiness.enabled', Value: 'false' },
      { Key: 'stickiness.type', Value: 'source_ip' },
      { Key: 'connection_termination.enabled', Value: 'false' },
    ]
  return arn
}
