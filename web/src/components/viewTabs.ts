/**
 * The views, in tab order. Adding a view is one entry here and one case where App renders it; the
 * URL's `view=` takes an entry's id, and anything else falls back to the first tab.
 */
export const VIEW_TABS = [
  { id: 'infrastructure', label: 'Infrastructure' },
  { id: 'security', label: 'Security' },
  { id: 'findings', label: 'Findings' },
  { id: 'resources', label: 'Resources' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'diff', label: 'Diff' },
] as const satisfies readonly { id: string; label: string }[]

export type ViewId = (typeof VIEW_TABS)[number]['id']

/** The view a `view=` value names, else the default (first) one. */
export function viewFromUrl(value: string | null): ViewId {
  return VIEW_TABS.find((t) => t.id === value)?.id ?? VIEW_TABS[0].id
}
