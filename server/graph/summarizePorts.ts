import { portLabelOrder } from './portLabel.ts'

/** The label of an edge bundling rules: the distinct port labels, at most three, then `+N`. */
export function summarizePorts(labels: readonly string[], max = 3): string {
  const sorted = [...new Set(labels)].sort(portLabelOrder)
  if (sorted.includes('all')) return sorted.length === 1 ? 'all' : `all +${sorted.length - 1}`
  return sorted.length > max ? `${sorted.slice(0, max).join(', ')} +${sorted.length - max}` : sorted.join(', ')
}
