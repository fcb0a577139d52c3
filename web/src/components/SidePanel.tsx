import type { ReactNode } from 'react'
import { getResource } from '../api/index.ts'
import type { SelectedElement } from '../state/selectedElement.ts'
import { useAsync } from '../state/useAsync.ts'
import { KeyValueTable } from './KeyValueTable.tsx'
import { ResourceDetails } from './ResourceDetails.tsx'
import { StatusMessage } from './StatusMessage.tsx'

interface Props {
  env: string
  version: string
  selected: SelectedElement
  onClose: () => void
  /** Shown above the resource's attributes (the exposure trace). */
  children?: ReactNode
}

/** Details of the selected node or edge; resources are fetched in full from the API. */
export function SidePanel({ env, version, selected, onClose, children }: Props) {
  const { resourceId } = selected
  const resource = useAsync(resourceId ? `${env}\n${version}\n${resourceId}` : null, (signal) => getResource(env, version, resourceId!, signal))
  const summary: [string, string][] = [['Kind', selected.kind], ['Id', selected.id]]
  if (selected.label !== selected.id) summary.push(['Label', selected.label])
  if (selected.source !== undefined) summary.push(['From', selected.source])
  if (selected.target !== undefined) summary.push(['To', selected.target])
  return (
    <aside className="side-panel" data-testid="side-panel" aria-label="Selection details">
      <div className="side-panel-head">
        <div>
          <div className="side-panel-kind">{selected.kind}</div>
          <h2 className="side-panel-title" data-testid="side-panel-title">{selected.label}</h2>
          <div className="side-panel-id" data-testid="side-panel-id">{selected.id}</div>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close details">×</button>
      </div>
      <div className="side-panel-body">
        {children}
        {resource.status === 'idle' && (
          <>
            <KeyValueTable rows={summary} />
            <h3>Details</h3>
            <KeyValueTable rows={Object.entries(selected.details)} empty="No details" />
          </>
        )}
        {resource.status === 'loading' && <StatusMessage kind="loading" title="Loading resource…" />}
        {resource.status === 'error' && <StatusMessage kind="error" title="Could not load this resource" message={resource.error.message} />}
        {resource.status === 'ready' && <ResourceDetails resource={resource.data} />}
      </div>
    </aside>
  )
}
