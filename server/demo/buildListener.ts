import type { Action, Listener } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import type { LoadBalancerRef } from './buildLoadBalancer.ts'
import type { DemoBuilder } from './demoBuilder.ts'

export interface ListenerSpec {
  loadBalancer: LoadBalancerRef
  port: number
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'TLS'
  defaultActions: Action[]
  /** Non-default rules in priority order: path patterns forwarding elsewhere. */
  rules?: { priority: number; pathPattern: string; actions: Action[] }[]
}

/** A forward action in the form the API returns it: both TargetGroupArn and ForwardConfig. */
export const forwardTo = (targetGroupArn: string): Action => sdkShape<Action>({
  Type: 'forward',
  TargetGroupArn: targetGroupArn,
  ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
})

export const redirectToHttps: Action = sdkShape<Action>({
  Type: 'redirect',
  RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' },
})

/** A listener and its DescribeRules output (the default rule last, as AWS lists it). Returns the listener ARN. */
export function buildListener(b: DemoBuilder, spec: ListenerSpec): string {
  const lb = spec.loadBalancer
  const listenerPath = `${lb.path}/${b.ids.hex(`listener:${lb.arn}:${spec.port}`, 16)}`
  const prefix = `arn:aws:elasticloadbalancing:${b.region}:${b.account}`
  const ListenerArn = `${prefix}:listener/${listenerPath}`
  const isTls = spec.protocol === 'HTTPS' || spec.protocol === 'TLS'
  b.inv.elbv2.Listeners.push(sdkShape<Listener>({
    ListenerArn,
    LoadBalancerArn: lb.arn,
    Port: spec.port,
    Protocol: spec.protocol,
    ...(isTls && {
      Certificates: [{ CertificateArn: `arn:aws:acm:${b.region}:${b.account}:certificate/${b.ids.hex(`cert:${lb.arn}`, 8)}-${b.ids.hex(`cert2:${lb.arn}`, 4)}-4${b.ids.hex(`cert3:${lb.arn}`, 3)}-a${b.ids.hex(`cert4:${lb.arn}`, 3)}-${b.ids.hex(`cert5:${lb.arn}`, 12)}` }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    }),
    DefaultActions: spec.defaultActions,
  }))
  const ruleArn = (key: string) => `${prefix}:listener-rule/${listenerPath}/${b.ids.hex(`rule:${ListenerArn}:${key}`, 16)}`
  b.inv.elbv2.Rules[ListenerArn] = [
    ...(spec.rules ?? []).map((r) => ({
      RuleArn: ruleArn(String(r.priority)),
      Priority: String(r.priority),
      Conditions: [{ Field: 'path-pattern', Values: [r.pathPattern], PathPatternConfig: { Values: [r.pathPattern] } }],
      Actions: r.actions,
      IsDefault: false,
    })),
    { RuleArn: ruleArn('default'), Priority: 'default', Conditions: [], Actions: spec.defaultActions, IsDefault: true },
  ]
  return ListenerArn
}
