import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../../../', import.meta.url))

export interface RunningServer { url: string; stop: () => Promise<void>; output: () => string }

/** `vpclens serve --data-dir DIR --port 0 [args]`; resolves with the URL it prints once listening. */
export function startServer(dataDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['bin/vpclens.mjs', 'serve', '--data-dir', dataDir, '--port', '0', ...args], {
    cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
  })
  let out = ''
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL') }, 5000).unref()
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void stop(); reject(new Error(`serve did not start:\n${out}`)) }, 90_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /vpclens serving (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ url: m[1], stop, output: () => out })
      }
    })
    child.stderr!.on('data', (d: Buffer) => { out += d.toString() })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}:\n${out}`)) })
  })
}
