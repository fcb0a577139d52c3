import { useEffect, useMemo, useRef } from 'react'
import type { Graph } from '../../shared/index.ts'
import { getEnvironments, getGraph, getVersions } from './api/index.ts'
import { EnvironmentPicker } from './components/EnvironmentPicker.tsx'
import { Header } from './components/Header.tsx'
import { SidePanel } from './components/SidePanel.tsx'
import { StatusMessage } from './components/StatusMessage.tsx'
import { VersionPicker } from './components/VersionPicker.tsx'
import { selectedElement } from './state/selectedElement.ts'
import { useAsync } from './state/useAsync.ts'
import { useUrlState } from './state/useUrlState.ts'
import { InfrastructureView } from './views/InfrastructureView.tsx'

/** Environments → versions → graph, each chosen from the URL when it names one that exists. */
export function App() {
  const [url, setUrl] = useUrlState()
  const envs = useAsync('environments', (signal) => getEnvironments(signal))
  const environments = envs.status === 'ready' ? envs.data : []
  const env = pickEnv(environments, url.env)

  const versions = useAsync(env, (signal) => getVersions(env!, signal))
  const versionList = versions.status === 'ready' ? versions.data : []
  const version = versionList.some((v) => v.id === url.version) ? url.version : (versionList.at(-1)?.id ?? null)

  const graphKey = env !== null && version !== null ? `${env}\n${version}` : null
  const graph = useAsync(graphKey, (signal) => getGraph(env!, version!, signal))

  // Keep the address bar on what is shown, once it is known.
  useEffect(() => {
    if (env !== null && env !== url.env) setUrl({ env })
  }, [env, url.env, setUrl])
  useEffect(() => {
    if (version !== null && version !== url.version) setUrl({ version })
  }, [version, url.version, setUrl])

  // While the next version loads, keep showing the previous diagram of the same environment: the
  // Cytoscape instance and the viewport survive a version switch.
  const shownRef = useRef<{ env: string; graph: Graph } | null>(null)
  if (graph.status === 'ready' && env !== null && shownRef.current?.graph !== graph.data) shownRef.current = { env, graph: graph.data }
  const shown = shownRef.current !== null && shownRef.current.env === env ? shownRef.current.graph : null

  const selected = useMemo(
    () => (shown !== null && url.select !== null ? selectedElement(shown, url.select) : null),
    [shown, url.select],
  )

  return (
    <div className="app">
      <Header>
        {env !== null && <EnvironmentPicker environments={environments} value={env} onChange={(e) => setUrl({ env: e, version: null, select: null })} />}
        {env !== null && version !== null && (
          <VersionPicker versions={versionList} value={version} onChange={(v) => setUrl({ version: v })} />
        )}
      </Header>
      <main className="main">
        {envs.status === 'loading' && <StatusMessage kind="loading" title="Loading environments…" />}
        {envs.status === 'error' && <StatusMessage kind="error" title="Could not load environments" message={envs.error.message} />}
        {envs.status === 'ready' && environments.length === 0 && (
          <StatusMessage kind="empty" title="No environments yet" message="Run `vpclens demo` or `vpclens discover`, then reload." />
        )}
        {versions.status === 'error' && <StatusMessage kind="error" title="Could not load versions" message={versions.error.message} />}
        {versions.status === 'ready' && versionList.length === 0 && <StatusMessage kind="empty" title="This environment has no versions" />}
        {graph.status === 'loading' && <StatusMessage kind="loading" title="Loading diagram…" />}
        {graph.status === 'error' && <StatusMessage kind="error" title="Could not load the diagram" message={graph.error.message} />}
        {shown !== null && env !== null && version !== null && graph.status !== 'error' && (
          <div className="workspace" data-testid="workspace" data-version={graph.status === 'ready' ? version : ''}>
            <InfrastructureView
              graph={shown}
              fitKey={env}
              selectedId={selected ? selected.id : null}
              onSelect={(id) => setUrl({ select: id })}
            />
            {selected && <SidePanel env={env} version={version} selected={selected} onClose={() => setUrl({ select: null })} />}
          </div>
        )}
      </main>
    </div>
  )
}

/** The environment the URL names, else the most recently updated one. */
function pickEnv(environments: { name: string; updatedAt: string | null }[], wanted: string | null): string | null {
  if (environments.length === 0) return null
  if (wanted !== null && environments.some((e) => e.name === wanted)) return wanted
  return [...environments].sort((a, b) => ((b.updatedAt ?? '') < (a.updatedAt ?? '') ? -1 : (b.updatedAt ?? '') > (a.updatedAt ?? '') ? 1 : a.name < b.name ? -1 : 1))[0].name
}
