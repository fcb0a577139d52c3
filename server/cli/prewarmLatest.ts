import type { FastifyInstance } from 'fastify'
import type { SnapshotStore } from '../store/SnapshotStore.ts'

/**
 * After `serve` starts listening: compute the latest version's graph and exposure of the most
 * recently updated environments in the background, through the app itself so the answers land in its per-hash
 * response cache. The first person to open a 20,000-ENI environment then waits for the page, not
 * for seconds of snapshot reading and analysis. Failures are ignored: the request will simply
 * compute again when a user asks.
 */
export async function prewarmLatest(app: FastifyInstance, store: SnapshotStore, token: string | undefined): Promise<void> {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined
  try {
    // The few most recently updated: a team store may hold hundreds of environments.
    const envs = (await store.listEnvironments()).sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '')).slice(0, 3)
    for (const env of envs) {
      if (!env.latestVersion) continue
      for (const part of ['graph', 'exposure']) {
        await app.inject({ method: 'GET', url: `/api/environments/${encodeURIComponent(env.name)}/versions/${env.latestVersion}/${part}`, headers })
      }
    }
  } catch {
    // The server is closing, or the store is unreadable: the route will report that to a user.
  }
}
