import type { Resource } from '../../../shared/index.ts'
import { KeyValueTable } from './KeyValueTable.tsx'
import { formatValue } from './formatValue.ts'

/** Every attribute of one resource; all of it is rendered as text, none of it as markup. */
export function ResourceDetails({ resource }: { resource: Resource }) {
  const facts: [string, string][] = [
    ['Kind', resource.kind],
    ['Id', resource.id],
    ['Name', resource.name ?? '—'],
    ['Account', resource.account],
    ['Region', resource.region],
  ]
  if (resource.vpcId !== undefined) facts.push(['VPC', resource.vpcId])
  const tags = Object.entries(resource.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const attributes = Object.entries(resource.attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]): [string, string] => [k, formatValue(v)])
  return (
    <div data-testid="resource-details">
      <KeyValueTable rows={facts} testId="resource-facts" />
      <h3>Tags</h3>
      <KeyValueTable rows={tags} testId="resource-tags" empty="No tags" />
      <h3>Attributes</h3>
      <KeyValueTable rows={attributes} testId="resource-attributes" empty="No attributes" />
      <details className="raw">
        <summary>Raw JSON</summary>
        <pre data-testid="resource-raw">{JSON.stringify(resource.raw, null, 2)}</pre>
      </details>
    </div>
  )
}
