import type { Resource } from '../../shared/index.ts'

/**
 * The short text drawn on a node: the Name tag when there is one, else the id. Plain, untrusted
 * text: the web draws it on a canvas or as a text node, never as markup.
 */
export function resourceLabel(r: Resource): string {
  const name = r.tags.Name ?? (r.kind === 'load-balancer' ? r.name : undefined)
  const label = name && name.trim() !== '' ? name : r.id
  return label.length > 48 ? `${label.slice(0, 47)}…` : label
}
