import type { RefreshStatus } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import type { Collector } from './Collector.ts'
import { recordRun } from './recordRun.ts'

export interface RefreshDeps {
  collect: Collector
  store: SnapshotStore
  /** The one environment this server refreshes (`--env`); default: the collector's (the caller's account). */
  env?: string
  now?: () => Date
  log?: (line: string) => void
}

/**
 * `serve` with discover options: runs discovery on request, one run at a time per server. A request
 * while a run is going joins it instead of starting another. The status lives in this process only;
 * behind a load balancer, run refreshes with `watch` collectors instead (README, Serving a team).
 */
export class RefreshRunner {
  private current: RefreshStatus | undefined
  private running: Promise<void> | undefined

  constructor(private readonly deps: RefreshDeps) {}

  /** The environment this server refreshes, when fixed by `--env`. */
  get configuredEnv(): string | undefined {
    return this.deps.env
  }

  status(env: string): RefreshStatus {
    if (this.current && this.current.env === env) return { ...this.current }
    return { env, state: 'idle', startedAt: null, finishedAt: null, progress: null, version: null, created: null, error: null }
  }

  /** Starts a run for `env` unless one is going (then returns that one's status). */
  start(env: string): RefreshStatus {
    if (this.running && this.current) return { ...this.current }
    const now = this.deps.now ?? (() => new Date())
    const status: RefreshStatus = {
      env, state: 'running', startedAt: now().toISOString(), finishedAt: null,
      progress: { done: 0, total: 0, message: 'starting discovery' }, version: null, created: null, error: null,
    }
    this.current = status
    this.running = this.run(status, now).finally(() => { this.running = undefined })
    return { ...status }
  }

  /** Resolves when no run is going (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  private async run(status: RefreshStatus, now: () => Date): Promise<void> {
    try {
      const collected = await this.deps.collect((step) => { status.progress = step })
      const target = this.deps.env ?? collected.defaultEnv
      if (target !== status.env) {
        throw new Error(`this server's discovery reads ${target}: refresh environment ${target}, not ${status.env}`)
      }
      const run = await recordRun(this.deps.store, status.env, collected.inventory)
      Object.assign(status, { state: 'succeeded', version: run.version.id, created: run.created })
      this.deps.log?.(`refresh of ${status.env}: ${run.created ? `recorded version ${run.version.id}` : `unchanged since version ${run.version.id}`}`)
    } catch (e) {
      Object.assign(status, { state: 'failed', error: (e as Error).message })
      this.deps.log?.(`refresh of ${status.env} failed: ${(e as Error).message}`)
    } finally {
      status.finishedAt = now().toISOString()
    }
  }
}
