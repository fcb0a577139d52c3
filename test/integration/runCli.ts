import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/vpclens.mjs', import.meta.url))

export interface CliRun { code: number | null; stdout: string; stderr: string }

/** Runs the real `vpclens` binary in its own process (credentials come from `env`, as for a user). */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runProcess(process.execPath, [BIN, ...args], env)
}

export function runProcess(cmd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d })
    child.stderr.on('data', (d: Buffer) => { stderr += d })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
