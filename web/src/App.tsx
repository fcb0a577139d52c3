import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ElementDefinition } from 'cytoscape'
import type { Finding, Graph, ResourceSummary } from '../../shared/index.ts'
import { getEnvironments, getExposure, getExposureSummary, getGraph, getVersions } from './api/index.ts'
import { ExposureTrace } from './components/ExposureTrace.tsx'
import { EnvironmentPicker } from './components/EnvironmentPicker.tsx'
import { ExportMenu } from './components/ExportMenu.tsx'
import { SearchBox } from './components/SearchBox.tsx'
import { Header } from './components/Header.tsx'
import { IncompleteDataBanner } from './components/IncompleteDataBanner.tsx'
import { SidePanel } from './components/SidePanel.tsx'
import { StatusMessage } from './components/StatusMessage.tsx'
import { VersionPicker } from './components/VersionPicker.tsx'
import { RefreshButton } from './components/RefreshButton.tsx'
import { ViewTabs } from './components/ViewTabs.tsx'
import { viewFromUrl, type ViewId } from './components/viewTabs.ts'
import { applyExposureOverlay, exposedInterfaceCounts, exposedOnPort, withoutAccepted } from './diagram/exposureOverlay.ts'
import { selectedElement } from './state/selectedElement.ts'
import { LiveNotice } from './components/LiveNotice.tsx'
import { useAsync } from './state/useAsync.ts'
import { useLiveVersion } from './state/useLiveVersion.ts'
import { versionInList } from './state/versionInList.ts'
import { useReloadable } from './state/useReloadable.ts'
import { useUrlState } from './state/useUrlState.ts'
import { useKeyboardShortcuts } from './state/useKeyboardShortcuts.ts'
import { useSearch } from './state/useSearch.ts'
import { ExposureLegend, ExposureOverlayControls, parsePort } from './views/ExposureOverlayControls.tsx'
import { FindingsView } from './views/FindingsView.tsx'
import { InfrastructureView } from './views/InfrastructureView.tsx'
import { ResourcesView } from './views/ResourcesView.tsx'
import { SecurityView } from './views/SecurityView.tsx'
import { DiffView } from './views/DiffView.tsx'
import { TimelineView } from './views/TimelineView.tsx'
import { useDiffPair } from './views/useDiffPair.ts'

/** Environments → versions → graph, each chosen from the URL when it names one that exists. */
export function App() {
  const [url, setUrl] = useUrlState()
  const view = viewFromUrl(url.view)
  const envs = useAsync('environments', (signal) => getEnvironments(signal))
  const environments = envs.status === 'ready' ? envs.data.environments : []
  // `serve --policy`: accepted items are marked, and "hide accepted" (accepted=hide, for Findings and the overlay) is offered.
  const policy = envs.status === 'ready' ? (envs.data.policy ?? null) : null
  const hideAccepted = policy !== null && url.accepted === 'hide'
  const setHideAccepted = useCallback((hide: boolean) => setUrl({ accepted: hide ? 'hide' : null }), [setUrl])
  const env = pickEnv(environments, url.env)

  // Reloadable: after a Refresh records a version, the list grows without blanking the diagram.
  const [versions, reloadVersions] = useReloadable(env, (signal) => getVersions(env!, signal))
  const versionList = versions.status === 'ready' ? versions.data : []
  // version=, from= and to= may be times (`2026-11-28T02:10Z`, `2h ago`): the version current then.
  // A relative time is read against this render's clock; the effects below then put the id it chose in the address.
  const now = Date.now()
  const urlVersion = versionInList(url.version, versionList, now)
  const version = urlVersion.error !== null ? null : (urlVersion.id ?? versionList.at(-1)?.id ?? null)

  // The diff view's pair (from=, to=): versions that exist, else the latest and the one before it.
  const [pair, setPair] = useDiffPair()
  const pairTo = versionInList(pair.to, versionList, now)
  const pairFrom = versionInList(pair.from, versionList, now)
  const diffTo = pairTo.id ?? (versionList.at(-1)?.id ?? null)
  const diffFrom = pairFrom.id ?? (versionList.at(-2)?.id ?? diffTo)
  const versionError = urlVersion.error !== null ? `version=${url.version}: ${urlVersion.error}`
    : view === 'diff' && pairFrom.error !== null ? `from=${pair.from}: ${pairFrom.error}`
      : view === 'diff' && pairTo.error !== null ? `to=${pair.to}: ${pairTo.error}` : null
  useEffect(() => {
    // Times in from=/to= become the ids they chose, so that the address names the versions shown.
    if (pairFrom.id !== null && pairTo.id !== null && (pairFrom.id !== pair.from || pairTo.id !== pair.to)) setPair({ from: pairFrom.id, to: pairTo.id })
  }, [pairFrom.id, pairTo.id, pair.from, pair.to, setPair])

  // Versions recorded by any process while the page is open: the lists grow, and a notice offers the diff.
  const live = useLiveVersion(env)
  const liveId = live.latest?.id ?? null
  const listed = liveId === null || versions.status !== 'ready' || versionList.some((v) => v.id === liveId)
  useEffect(() => {
    if (!listed) reloadVersions().catch(() => {})
  }, [listed, reloadVersions])
  const [dismissed, setDismissed] = useState<string | null>(null)
  const notice = live.recorded !== null && live.recorded.id !== dismissed && versionList.some((v) => v.id === live.recorded!.id) ? live.recorded : null

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
    () => (view === 'infrastructure' && shown !== null && url.select !== null ? selectedElement(shown, url.select) : null),
    [view, shown, url.select],
  )
  const drawn = useMemo(() => new Set(shown?.nodes.map((n) => n.id) ?? []), [shown])

  // The exposure overlay: its slim summary fetched once per version while it (or the port filter) is on.
  // Both live in the URL (overlay=exposure, port=22) so that a link reproduces the dimmed view.
  const exposureOn = url.overlay === 'exposure'
  const port = url.port === null ? null : parsePort(url.port)
  const setExposureOn = useCallback((on: boolean) => setUrl({ overlay: on ? 'exposure' : null }), [setUrl])
  const setPort = useCallback((p: number | null) => setUrl({ port: p === null ? null : String(p) }), [setUrl])
  const overlayWanted = view === 'infrastructure' && (exposureOn || port !== null)
  const exposure = useAsync(overlayWanted ? graphKey : null, (signal) => getExposureSummary(env!, version!, signal))
  const fullReport = exposure.status === 'ready' ? exposure.data : null
  // What the overlay draws: without the accepted exposures when they are hidden.
  const report = useMemo(() => (fullReport && hideAccepted ? withoutAccepted(fullReport) : fullReport), [fullReport, hideAccepted])
  const acceptedCount = useMemo(() => (fullReport ? exposedInterfaceCounts(fullReport).accepted : null), [fullReport])
  // The side panel's trace needs the full report (traces, blocked paths): read once something is selected.
  const traced = useAsync(report && selected ? graphKey : null, (signal) => getExposure(env!, version!, signal))
  const decorate = useMemo(
    () => (report ? (els: ElementDefinition[]) => applyExposureOverlay(els, report, port) : undefined),
    [report, port],
  )
  const exposedCount = useMemo(() => (report ? new Set(report.exposures.map((e) => e.eni)).size : null), [report])
  const unknownCount = report ? report.unknown.length : null
  const portMatches = useMemo(() => (report && port !== null ? [...exposedOnPort(report, port)].filter((id) => drawn.has(id)).length : null), [report, port, drawn])

  // A row clicked in a list: show it in the diagram that draws it, centred.
  const [focus, setFocus] = useState<{ id: string; key: number } | null>(null)
  const focusCount = useRef(0)
  const showInDiagram = useCallback((id: string) => {
    focusCount.current += 1
    setFocus({ id, key: focusCount.current })
    setUrl({ view: 'infrastructure', select: id })
  }, [setUrl])
  const openResource = (r: ResourceSummary) => {
    if (drawn.has(r.id)) showInDiagram(r.id)
    else if (r.kind === 'security-group') setUrl({ view: 'security', select: r.id })
    else setUrl({ view: 'resources', select: r.id })
  }
  // A finding's or a scope violation's row: its exposure findings turn the overlay on.
  const openFinding = (f: Pick<Finding, 'resourceIds' | 'exposureIds'>) => {
    const target = f.resourceIds.find((id) => drawn.has(id))
    if (target !== undefined) {
      if ((f.exposureIds?.length ?? 0) > 0) setExposureOn(true)
      showInDiagram(target)
    } else if (f.resourceIds[0]?.startsWith('sg-')) setUrl({ view: 'security', select: f.resourceIds[0] })
    else if (f.resourceIds[0] !== undefined) setUrl({ view: 'resources', select: f.resourceIds[0] })
  }
  // Search (q= in the URL): results highlighted in the Infrastructure view; Enter walks them.
  const search = useSearch({
    graph: shown, query: url.q, onQuery: (q) => setUrl({ q }), onShow: showInDiagram, onClear: () => setUrl({ select: null }),
  })
  const searchInput = useRef<HTMLInputElement>(null)
  useKeyboardShortcuts({ onSlash: () => { searchInput.current?.focus(); searchInput.current?.select() }, onEscape: search.clear })

  const switchView = (v: ViewId) => { if (v !== view) setUrl({ view: v, select: null }) }

  return (
    <div className="app">
      <Header nav={<ViewTabs value={view} onChange={switchView} />}>
        {env !== null && <EnvironmentPicker environments={environments} value={env} onChange={(e) => setUrl({ env: e, version: null, select: null })} />}
        {env !== null && version !== null && view !== 'timeline' && view !== 'diff' && (
          <VersionPicker versions={versionList} value={version} onChange={(v) => setUrl({ version: v })} />
        )}
        {env !== null && <RefreshButton env={env} onNewVersion={async (v) => { setDismissed(v); await reloadVersions(); setUrl({ version: v }) }} />}
        <SearchBox ref={searchInput} search={search} />
        {env !== null && version !== null && view !== 'timeline' && view !== 'diff' && <ExportMenu env={env} version={version} graph={shown} view={view} />}
      </Header>
      {view !== 'timeline' && view !== 'diff' && <IncompleteDataBanner version={versionList.find((v) => v.id === version) ?? null} />}
      <main className="main">
        {notice && (
          <LiveNotice version={notice} onDismiss={() => setDismissed(notice.id)} onOpen={() => {
            setDismissed(notice.id)
            if (notice.parent !== null && notice.changes !== null) {
              setPair({ from: notice.parent, to: notice.id })
              setUrl({ view: 'diff', select: null })
            } else setUrl({ version: notice.id, view: 'infrastructure', select: null })
          }} />
        )}
        {versionError !== null && <StatusMessage kind="error" title="No such version" message={versionError} />}
        {envs.status === 'loading' && <StatusMessage kind="loading" title="Loading environments…" />}
        {envs.status === 'error' && <StatusMessage kind="error" title="Could not load environments" message={envs.error.message} />}
        {envs.status === 'ready' && environments.length === 0 && (
          <StatusMessage kind="empty" title="No environments yet" message="Run `vpclens demo` or `vpclens discover`, then reload." />
        )}
        {versions.status === 'error' && <StatusMessage kind="error" title="Could not load versions" message={versions.error.message} />}
        {versions.status === 'ready' && versionList.length === 0 && <StatusMessage kind="empty" title="This environment has no versions" />}
        {view === 'infrastructure' && graph.status === 'loading' && <StatusMessage kind="loading" title="Loading diagram…" />}
        {view === 'infrastructure' && graph.status === 'error' && <StatusMessage kind="error" title="Could not load the diagram" message={graph.error.message} />}
        {view === 'security' && env !== null && version !== null && (
          <SecurityView env={env} version={version} selectedId={url.select} onSelect={(id) => setUrl({ select: id })} />
        )}
        {view === 'timeline' && env !== null && (
          <TimelineView env={env} latest={liveId} onCompare={(from, to) => { setPair({ from, to }); setUrl({ view: 'diff', select: null }) }} />
        )}
        {view === 'diff' && env !== null && diffFrom !== null && diffTo !== null && versionError === null && (
          <DiffView env={env} versions={versionList} from={diffFrom} to={diffTo} onPair={(from, to) => setPair({ from, to })} />
        )}
        {view === 'findings' && env !== null && version !== null && (
          <FindingsView env={env} version={version} onOpen={openFinding} policy={policy} hideAccepted={hideAccepted} onHideAccepted={setHideAccepted} />
        )}
        {view === 'resources' && env !== null && version !== null && (
          <ResourcesView env={env} version={version} drawn={drawn} selectedId={url.select} onOpen={openResource} onClose={() => setUrl({ select: null })} />
        )}
        {view === 'infrastructure' && shown !== null && env !== null && version !== null && graph.status !== 'error' && (
          <div className="workspace" data-testid="workspace" data-version={graph.status === 'ready' ? version : ''}>
            <InfrastructureView
              graph={shown}
              fitKey={env}
              selectedId={selected ? selected.id : null}
              onSelect={(id) => setUrl({ select: id })}
              decorate={decorate}
              focus={focus}
              search={search.highlight}
              toolbar={(
                <ExposureOverlayControls on={exposureOn} onToggle={setExposureOn} port={port} onPort={setPort}
                  status={overlayWanted ? exposure.status : 'idle'} exposedCount={exposedCount} unknownCount={unknownCount} matchCount={portMatches}
                  acceptance={policy ? { count: acceptedCount, hidden: hideAccepted, onHidden: setHideAccepted } : undefined} />
              )}
              legend={report ? <ExposureLegend accepted={!hideAccepted && !!acceptedCount} /> : undefined}
            />
            {selected && (
              <SidePanel env={env} version={version} selected={selected} onClose={() => setUrl({ select: null })}>
                {report && traced.status === 'ready' && <ExposureTrace report={traced.data} elementId={selected.id} />}
                {report && traced.status === 'loading' && <p className="muted">Loading the exposure trace…</p>}
                {report && traced.status === 'error' && <StatusMessage kind="error" title="Could not load the exposure trace" message={traced.error.message} />}
              </SidePanel>
            )}
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
