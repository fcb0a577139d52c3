/**
 * A private PostgreSQL cluster for tests: initdb into a temporary directory, pg_ctl start on a free
 * loopback port (socket in the same directory), removed again by `stop()`. Uses Debian's
 * `postgresql` package (binaries in /usr/lib/postgresql/<major>/bin, or on PATH). initdb refuses to
 * run as root, so as root every command runs as the `postgres` user via runuser, in a directory it owns.
 */
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export interface PrivatePostgres {
  /** A new, empty database; returns its URL. */
  createDatabase(name: string): Promise<string>
  stop(): Promise<void>
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir()
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'vpclens-pg-'))
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args]
    return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).toString()
  }
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    chownSync(dir, uid, gid)
  }
  const port = await freePort()
  const data = join(dir, 'data')
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'])
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o',
      `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start'])
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    const err = e as { stderr?: Buffer; message: string }
    throw new Error(`could not start a private PostgreSQL: ${err.stderr?.toString().trim() || err.message}`)
  }
  const base = `postgres://postgres@127.0.0.1:${port}`
  const admin = new pg.Client({ connectionString: `${base}/postgres` })
  await admin.connect()
  return {
    async createDatabase(name) {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
      return `${base}/${name}`
    },
    async stop() {
      await admin.end().catch(() => {})
      try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']) } finally { rmSync(dir, { recursive: true, force: true }) }
    },
  }
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const majors = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    if (majors.length > 0) return join(root, majors[0], 'bin')
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb']).toString().trim()
    if (initdb) return join(initdb, '..')
  } catch { /* not on PATH either */ }
  throw new Error('PostgreSQL is not installed (no initdb): apt-get install -y postgresql')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}
