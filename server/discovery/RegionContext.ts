import type { AwsService } from './readOnlyGuard.ts'

/** What a per-service fetcher needs from the run: where it is, the concurrency bound, and where to put warnings. */
export interface RegionContext {
  account: string
  region: string
  /** Runs one request under the run's concurrency bound. */
  send<T>(fn: () => Promise<T>): Promise<T>
  /** Records a failed call; the fetcher goes on with the rest. */
  warn(service: AwsService, operation: string, error: unknown): void
}
