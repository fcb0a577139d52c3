/**
 * The moto AWS API emulator in server mode, for integration tests and the discovery benchmark:
 * started on a free loopback port, reset between tests, stopped by its own pid.
 * It is a real HTTP endpoint, so the real AWS SDK (and the `aws` CLI) talk to it as to AWS.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'

export interface Moto {
  endpoint: string
  reset(): Promise<void>
  stop(): Promise<void>
}

export const MOTO_INSTALL_HINT = "moto is not installed for python3: run python3 -m pip install 'moto[server]'"

/** Credentials moto accepts; any value works, these are the documented ones. */
export const MOTO_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' }

export async function startMoto(): Promise<Moto> {
  if (spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(MOTO_INSTALL_HINT)
  }
  const port = await freePort()
  const endpoint = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000) })
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}: ${stderr}`)
    try {
      const r = await fetch(`${endpoint}/moto-api/`)
      if (r.ok) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`moto did not start on ${endpoint}: ${stderr}`) }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    endpoint,
    async reset() {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' })
      if (!r.ok) throw new Error(`moto reset failed: ${r.status}`)
    },
    async stop() {
      if (child.exitCode !== null || !child.pid) return
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      process.kill(child.pid, 'SIGTERM')
      const timer = setTimeout(() => { if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL') }, 8000)
      await exited
      clearTimeout(timer)
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}
