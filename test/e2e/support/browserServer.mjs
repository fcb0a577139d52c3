// One Chromium for every end-to-end test file of a `vitest run` (each file opens its own context, as
// isolated as a new browser profile). Started detached by the first file that needs it, so it outlives
// that file's worker; stopped by test/globalSetup.ts at the end of the run (SIGTERM to the pid it
// writes), and by itself if the vitest process it belongs to is gone.
// Usage: node browserServer.mjs <endpoint.json> <vitest pid>
import { renameSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const [endpointFile, vitestPid] = process.argv.slice(2)
// Debian's Chromium through playwright-core, with the flags that work in this sandbox (testing.md).
const server = await chromium.launchServer({
  executablePath: process.env.VPCLENS_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
writeFileSync(`${endpointFile}.tmp`, JSON.stringify({ wsEndpoint: server.wsEndpoint(), pid: process.pid }))
renameSync(`${endpointFile}.tmp`, endpointFile)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await server.close().catch(() => {})
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
setInterval(() => {
  try { process.kill(Number(vitestPid), 0) } catch { void stop() }
}, 2000)
