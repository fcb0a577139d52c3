/**
 * The Node versions vpclens supports, as package.json's `engines` states them, against what is
 * really installed: the running Node must be in the range, and every package of the lockfile must
 * declare support for each supported release line (its first and a late version), or be one of the
 * known exceptions below, each with its reason (EBADENGINE warnings of `npm ci` on Node 20). A dependency upgrade that drops a line fails here
 * instead of on a user's machine. Also: allowScripts names exactly the packages whose install
 * scripts must run, and the README states the same range.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const REPO = new URL('../../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', REPO), 'utf8')) as { engines: { node: string }; allowScripts: Record<string, boolean> }
const lock = JSON.parse(readFileSync(new URL('package-lock.json', REPO), 'utf8')) as { packages: Record<string, { version: string; engines?: { node?: string } | string[] }> }
const readme = readFileSync(new URL('README.md', REPO), 'utf8')

/** The supported release lines and their first supported version: the LTS lines, 20 until the AWS SDK drops it. */
const LINES = ['20.19.0', '22.13.0', '24.0.0', '26.0.0']
const PROBES = LINES.flatMap((v) => [v, `${v.split('.')[0]}.99.0`])

/**
 * Packages that declare a newer Node than 20 and that vpclens runs on Node 20 all the same (the whole
 * test suite runs on Node 20 here). Both come with Fastify; both only use what Node 20 has.
 */
const NODE_20_EXCEPTIONS: Record<string, string> = {
  cookie: 'engines >=22; through fastify\'s light-my-request (app.inject), for Set-Cookie headers, which vpclens never sends',
  'content-disposition': 'engines >=22; through @fastify/static, for reply.download(), which vpclens never calls',
}

describe('supported Node versions', () => {
  it('package.json states them, and the README says the same', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.13.0 || ^24.0.0 || ^26.0.0')
    expect(readme).toContain(`\`"node": "${pkg.engines.node}"\``)
    for (const p of PROBES) expect(satisfies(p, pkg.engines.node), p).toBe(true)
    for (const p of ['18.20.0', '20.18.3', '21.7.0', '22.12.0', '23.5.0', '25.1.0', '27.0.0']) expect(satisfies(p, pkg.engines.node), p).toBe(false)
  })

  it('includes the Node running the tests', () => {
    expect(satisfies(process.versions.node, pkg.engines.node), `node ${process.versions.node} against ${pkg.engines.node}`).toBe(true)
  })

  it('is within what every locked package declares, save the named exceptions on Node 20', () => {
    const out: string[] = []
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined
      if (!path || range === undefined) continue
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
      for (const p of PROBES) {
        if (satisfies(p, range)) continue
        if (p.startsWith('20.') && name in NODE_20_EXCEPTIONS) continue
        out.push(`${name}@${entry.version} (${range}) excludes node ${p}`)
      }
    }
    expect(out).toEqual([])
    // The exceptions are still needed (else remove them), and the AWS SDK still admits Node 20.
    for (const name of Object.keys(NODE_20_EXCEPTIONS)) {
      const entry = lock.packages[`node_modules/${name}`]
      expect(entry && !Array.isArray(entry.engines) && !satisfies('20.19.0', entry.engines?.node ?? '*'), name).toBe(true)
    }
    const sdk = Object.entries(lock.packages).filter(([p]) => p.startsWith('node_modules/@aws-sdk/client-'))
    expect(sdk.length).toBeGreaterThan(4)
    for (const [p, e] of sdk) expect(satisfies('20.19.0', (e.engines as { node: string }).node), p).toBe(true)
  })

  it('allows the install scripts of exactly the packages that need them', () => {
    // better-sqlite3 builds or downloads its native binding; esbuild installs its platform binary.
    expect(pkg.allowScripts).toEqual({ 'better-sqlite3': true, esbuild: true })
  })
})

/** A node-semver range (the forms package.json `engines` use) against a full version. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version)
  return range.split('||').some((set) => {
    const parts = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean)
    return parts.length === 0 || parts.every((c) => comparator(v, c))
  })
}

type V = [number, number, number]
function parse(s: string): V {
  const [a, b, c] = s.replace(/^v/, '').split('.').map(Number)
  return [a ?? 0, b ?? 0, c ?? 0]
}
const cmp = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

function comparator(v: V, c: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(c)!
  const op = m[1] ?? ''
  const raw = m[2]!
  if (raw === '*' || raw === 'x') return true
  const parts = raw.split('.').filter((p) => p !== '' && p !== '*' && p.toLowerCase() !== 'x')
  const lo = parse(parts.join('.'))
  if (op === '>=') return cmp(v, lo) >= 0
  if (op === '>') return cmp(v, lo) > 0
  if (op === '<') return cmp(v, lo) < 0
  if (op === '<=') return cmp(v, lo) <= 0
  // ^1.2.3 and a bare 20 / 20.x: same major; ~1.2.3 and a bare 1.2: same minor.
  const sameMinor = op === '~' || (op !== '^' && parts.length === 2)
  const hi: V = sameMinor ? [lo[0], lo[1] + 1, 0] : [lo[0] + 1, 0, 0]
  if (op === '' || op === '=') {
    if (parts.length === 3) return cmp(v, lo) === 0
  }
  return cmp(v, lo) >= 0 && cmp(v, hi) < 0
}
