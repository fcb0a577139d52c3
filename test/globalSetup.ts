import { buildCli, staleReason } from '../scripts/build-cli.mjs'

/**
 * Once per `vitest run`, before any test file: compile the CLI if dist/server is missing or older
 * than its sources, so every test that spawns `vpclens` runs the compiled JavaScript (a fraction of
 * a second to start, against seconds through tsx) and none of them falls back with a note on stderr.
 */
export default async function setup(): Promise<void> {
  if (staleReason() !== undefined) await buildCli()
}
