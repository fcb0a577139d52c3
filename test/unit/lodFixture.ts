import type { Graph, GraphNode } from '../../shared/index.ts'

interface Spec { vpcs: number; azs: number; subnetsPerAz: number; enisPerSubnet: number }

/** A regular environment shaped like buildGraph's output, with load-balancer targets and routes. */
export function makeGraph(spec: Spec): Graph {
  const nodes: GraphNode[] = []
  const edges: Graph['edges'] = []
  const tiers = ['public', 'private', 'isolated']
  for (let v = 0; v < spec.vpcs; v++) {
    const vpc = `vpc-${v}`
    nodes.push({ id: vpc, kind: 'vpc', label: `vpc ${v}`, order: `vpc ${v}|${vpc}`, details: { cidr: `10.${v}.0.0/16` } })
    nodes.push({ id: `igw-${v}`, kind: 'internet-gateway', label: `igw-${v}`, parent: vpc, order: `0|igw-${v}`, details: {} })
    nodes.push({ id: `alb-${v}`, kind: 'load-balancer', label: `alb ${v}`, parent: vpc, order: `1|alb-${v}`, details: { type: 'application' } })
    for (let a = 0; a < spec.azs; a++) {
      const zone = `us-east-1${'abcdef'[a]}`
      const az = `az:${vpc}:${zone}`
      nodes.push({ id: az, kind: 'availability-zone', label: zone, parent: vpc, order: zone, details: {} })
      for (let s = 0; s < spec.subnetsPerAz; s++) {
        const subnet = `subnet-${v}-${a}-${s}`
        const tier = tiers[s % 3]
        nodes.push({ id: subnet, kind: 'subnet', label: subnet, parent: az, order: `${s % 3}|${s}`, details: { tier, cidr: `10.${v}.${a * 16 + s}.0/24` } })
        if (tier === 'public') edges.push({ id: `route:${subnet}|igw-${v}`, kind: 'route', source: subnet, target: `igw-${v}` })
        for (let e = 0; e < spec.enisPerSubnet; e++) {
          const eni = `eni-${v}-${a}-${s}-${e}`
          nodes.push({ id: eni, kind: 'network-interface', label: eni, parent: subnet, order: `2|${eni}`, details: { privateIps: `10.${v}.${a * 16 + s}.${e + 4}` } })
          if (e % 2 === 0) {
            const i = `i-${v}-${a}-${s}-${e}`
            nodes.push({ id: i, kind: 'instance', label: i, parent: subnet, order: `1|${i}`, details: {} })
            edges.push({ id: `interface-of:${eni}`, kind: 'interface-of', source: eni, target: i })
            if (tier === 'private') edges.push({ id: `lb-target:alb-${v}|${i}`, kind: 'lb-target', source: `alb-${v}`, target: i, label: '80' })
          }
        }
      }
    }
  }
  return { nodes, edges }
}
