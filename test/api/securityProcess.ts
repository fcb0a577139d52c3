/**
 * Runs the real `vpclens` binary for the process-level tests (serve refusing to start, the token
 * end to end, fault tests): `runCli` waits for the exit, `startServe` waits for the
 * `vpclens serving http://…` line and stops the server by its pid.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/vpclens.mjs', import.meta.url))

export interface CliResult { code: number | null; stdout: string; stderr: string }

export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

export interface RunningServe { url: string; port: number; stderr: () => string; stop(): Promise<void> }

/** Starts `vpclens serve … --port 0` and resolves once it prints its address. */
export function startServe(args: string[], env: Record<string, string | undefined> = {}): Promise<RunningServe> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (d) => { stderr += d })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d
      const m = /vpclens serving (http:\/\/\S+?):(\d+)\n/.exec(stdout)
      if (m) {
        const port = Number(m[2])
        resolve({
          url: `http://127.0.0.1:${port}`, port, stderr: () => stderr,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
        })
      }
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before serving: ${stderr}`)))
  })
}
