import type { Diff, DiffGraph, DiffStatus, Graph } from '../../shared/index.ts'
import { canonicalJson } from '../snapshot/canonicalJson.ts'

/**
 * The union of two versions' graphs for the diff view: every node and edge of either, with its
 * status. A node is modified when the diff lists its resource (fields, rules or relationships) or
 * when what the diagram shows of it (label, parent, details) changed. Nodes keep their ids, so the
 * deterministic layout puts an unchanged resource where it was. Order: the later graph's, then what
 * only the earlier one had.
 */
export function diffGraph(from: Graph, to: Graph, diff: Diff): DiffGraph {
  const changed = new Set([
    ...diff.resources.filter((r) => r.change === 'modified').map((r) => r.id),
    ...diff.relationships.map((r) => r.resourceId),
  ])
  const status = <T extends { id: string }>(a: T | undefined, b: T | undefined, resourceId?: string): DiffStatus =>
    !a ? 'added' : !b ? 'removed'
      : (resourceId && changed.has(resourceId)) || canonicalJson(a) !== canonicalJson(b) ? 'modified' : 'unchanged'
  const union = <T extends { id: string }>(xs: readonly T[], ys: readonly T[], rid: (t: T) => string | undefined) => {
    const before = new Map(xs.map((x) => [x.id, x]))
    const after = new Set(ys.map((y) => y.id))
    return [
      ...ys.map((y) => ({ ...y, status: status(before.get(y.id), y, rid(y)) })),
      ...xs.filter((x) => !after.has(x.id)).map((x) => ({ ...x, status: 'removed' as const })),
    ]
  }
  return {
    nodes: union(from.nodes, to.nodes, (n) => n.resourceId),
    edges: union(from.edges, to.edges, () => undefined),
  }
}
