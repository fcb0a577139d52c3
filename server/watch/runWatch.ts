import { setTimeout as sleep } from 'node:timers/promises'
import type { Diff, Severity, Snapshot } from '../../shared/index.ts'
import { diffStoredVersions } from '../diff/diffStoredVersions.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { alertPayload } from './alertPayload.ts'
import type { Collector } from './Collector.ts'
import { type RecordedRun, recordRun } from './recordRun.ts'
import type { WebhookSender } from './createWebhookSender.ts'

export type Summarize = (from: { id: string; snapshot: Snapshot }, to: { id: string; snapshot: Snapshot }) => Diff

export interface WatchOptions {
  collect: Collector
  store: SnapshotStore
  /** Environment to record into; default: what the collector names (the caller's account). */
  env?: string
  intervalMs: number
  alertOn: Severity
  /**
   * The alert's diff when it must see both whole versions (through a policy: `watch --policy`).
   * Without it, the alert's diff is the one recordVersion computed from stored facts (or
   * diffStoredVersions): the same Diff as diffVersions, without reading the previous version whole.
   */
  summarize?: Summarize
  webhook?: WebhookSender
  log: (line: string) => void
  signal: AbortSignal
  /** Stop after this many runs (tests, `--runs`); default: until the signal aborts. */
  maxRuns?: number
  onRun?: (outcome: WatchRunOutcome) => void
}

export type WatchRunOutcome =
  | { ok: true; env: string; version: string; created: boolean; alerted: boolean }
  | { ok: false; error: string }

/**
 * Watch mode: collect, record a version only on change, and after a new version queue a webhook of
 * its security-relevant changes. Runs start every `intervalMs` (right away when a run took longer).
 * A failed run is logged and the next one still comes; webhook delivery happens on the side and never
 * delays the next run.
 */
export async function runWatch(o: WatchOptions): Promise<void> {
  for (let run = 1; !o.signal.aborted; run++) {
    const started = Date.now()
    const outcome = await watchOnce(o).catch((e: unknown): WatchRunOutcome => ({ ok: false, error: (e as Error).message }))
    if (outcome.ok) {
      o.log(outcome.created
        ? `run ${run}: recorded version ${outcome.version} of ${outcome.env}${outcome.alerted ? '; webhook queued' : ''}`
        : `run ${run}: ${outcome.env} unchanged since version ${outcome.version}`)
    } else {
      o.log(`run ${run} failed: ${outcome.error}; next run in ${Math.round(o.intervalMs / 1000)} s`)
    }
    o.onRun?.(outcome)
    if (o.maxRuns !== undefined && run >= o.maxRuns) break
    const wait = Math.max(0, o.intervalMs - (Date.now() - started))
    await sleep(wait, undefined, { signal: o.signal }).catch(() => {})
  }
}

async function watchOnce(o: WatchOptions): Promise<WatchRunOutcome> {
  const collected = await o.collect()
  const env = o.env ?? collected.defaultEnv
  const run = await recordRun(o.store, env, collected.inventory)
  let alerted = false
  if (run.created && run.version.parent !== null && o.webhook) {
    try {
      const diff = await alertDiff(o, env, run, run.version.parent)
      if (diff) {
        const payload = alertPayload(diff, {
          env, fromVersion: run.version.parent, toVersion: run.version.id, at: run.version.createdAt, alertOn: o.alertOn,
        })
        if (payload) { o.webhook.send(payload); alerted = true }
      }
    } catch (e) {
      // The version is recorded; only the alert is lost. Say so rather than failing the run.
      o.log(`version ${run.version.id} of ${env} recorded, but its changes could not be summarized: ${(e as Error).message}`)
    }
  }
  return { ok: true, env, version: run.version.id, created: run.created, alerted }
}

/** The diff of a new version against its parent, for its alert; undefined when the parent is gone. */
async function alertDiff(o: WatchOptions, env: string, run: RecordedRun, parentId: string): Promise<Diff | undefined> {
  if (o.summarize) {
    const previous = await o.store.getSnapshot(env, parentId)
    return previous && o.summarize({ id: parentId, snapshot: previous }, { id: run.version.id, snapshot: run.snapshot })
  }
  if (run.diff) return run.diff
  const parent = await o.store.getVersion(env, parentId)
  return parent && diffStoredVersions(o.store, env, parent, run.version)
}
