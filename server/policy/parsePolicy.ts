import { type Document, LineCounter, parseDocument, isMap, isPair, isScalar, type Node } from 'yaml'
import Type, { type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import {
  AllowedSourcesScope, NoPathScope, NotInternetReachableScope, OnlyLoadBalancersScope, PolicyFile, type PolicyAcceptance, type PolicyScope, SCOPE_KINDS,
} from '../../shared/index.ts'
import { readCidr } from '../../shared/network/index.ts'
import type { Policy } from './Policy.ts'
import { PolicyError } from './PolicyError.ts'
import { parseTag, PORTFUL, portRange } from './policyTerms.ts'

// The file is checked in two passes so that an error names the field of the scope's own kind, not
// every branch of the union: first the top level with each scope's `kind`, then each scope by its kind.
const topSchema = Type.Object({
  ...PolicyFile.properties,
  scopes: Type.Optional(Type.Array(Type.Object({ kind: Type.Union(SCOPE_KINDS.map((k) => Type.Literal(k)), { description: `one of ${SCOPE_KINDS.join(', ')}` }) }))),
}, { additionalProperties: false })
const topLevel = Compile(topSchema)
const byKind: Record<string, { schema: TSchema; check: ReturnType<typeof Compile> }> = Object.fromEntries(
  [NotInternetReachableScope, OnlyLoadBalancersScope, AllowedSourcesScope, NoPathScope].map((s) => [s.properties.kind.const, { schema: s, check: Compile(s) }]),
)
const MATCHERS = ['check', 'resource', 'tag', 'port', 'protocol', 'source'] as const

/**
 * A policy file's text (YAML, or JSON, which YAML reads too) → the checked policy. Throws one
 * PolicyError naming file, line and field for the first problem found. Pure.
 */
export function parsePolicy(text: string, file: string): Policy {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const syntax = doc.errors[0]
  if (syntax) throw new PolicyError(file, lineCounter.linePos(syntax.pos[0]).line, undefined, syntax.message.split('\n')[0])
  const value: unknown = doc.toJS() ?? {}
  const lineOf = (path: Array<string | number>) => nodeLine(doc, lineCounter, path)
  const fail = (path: Array<string | number>, problem: string): never => { throw new PolicyError(file, lineOf(path), fieldName(path), problem) }

  if (typeof value !== 'object' || Array.isArray(value)) fail([], 'expected a mapping with accept: and scopes:')
  firstError(topLevel, topSchema, value, [], fail)
  const raw = value as { accept?: PolicyAcceptance[]; scopes?: PolicyScope[] }
  const accept = (raw.accept ?? []).map((a, i) => {
    checkAcceptance(a, ['accept', i], fail)
    return { ...a, line: lineOf(['accept', i]) ?? 1 }
  })
  const ids = new Map<string, number>()
  const scopes = (raw.scopes ?? []).map((s, i) => {
    const v = byKind[s.kind]
    firstError(v.check, v.schema, s, ['scopes', i], fail)
    checkScope(s, ['scopes', i], fail)
    if (ids.has(s.id)) fail(['scopes', i, 'id'], `"${s.id}" is already the id of scopes[${ids.get(s.id)}]`)
    ids.set(s.id, i)
    return { ...s, line: lineOf(['scopes', i]) ?? 1 }
  })
  return { file, accept, scopes }
}

type Fail = (path: Array<string | number>, problem: string) => never

function checkAcceptance(a: PolicyAcceptance, at: Array<string | number>, fail: Fail): void {
  if (!MATCHERS.some((m) => a[m] !== undefined)) fail(at, `needs at least one of ${MATCHERS.join(', ')} to say what it accepts`)
  checkPortProtocol(a, at, fail)
  if (a.source !== undefined) checkSource(a.source, [...at, 'source'], fail)
  if (a.tag !== undefined && !parseTag(a.tag).key) fail([...at, 'tag'], 'expected key=value or key')
  if (a.expires !== undefined) {
    const d = new Date(`${a.expires}T00:00:00Z`)
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== a.expires) fail([...at, 'expires'], `"${a.expires}" is not a date (YYYY-MM-DD)`)
  }
}

function checkScope(s: PolicyScope, at: Array<string | number>, fail: Fail): void {
  checkPortProtocol(s as { port?: number | string; protocol?: string }, at, fail)
  for (const sel of ['resources', 'from', 'to'] as const) {
    const tag = (s as unknown as Record<string, { tag?: string } | undefined>)[sel]?.tag
    if (tag !== undefined && !parseTag(tag).key) fail([...at, sel, 'tag'], 'expected key=value or key')
  }
  if (s.kind === 'allowed-internet-sources') {
    if (s.protocol !== undefined && s.protocol !== 'tcp' && s.protocol !== 'udp') fail([...at, 'protocol'], 'expected tcp or udp (sources are checked per port)')
    s.sources.forEach((src, j) => checkSource(src, [...at, 'sources', j], fail))
  }
}

function checkSource(src: string, at: Array<string | number>, fail: Fail): void {
  if (src.startsWith('pl-')) return
  const cidr = readCidr(src, { requirePrefix: true })
  if (!cidr.ok) fail(at, cidr.reason)
}

function checkPortProtocol(o: { port?: number | string; protocol?: string }, at: Array<string | number>, fail: Fail): void {
  if (o.port !== undefined && !portRange(o.port)) fail([...at, 'port'], `"${o.port}" is not a port or range within 0-65535 (low-high)`)
  if (o.port !== undefined && o.protocol !== undefined && !PORTFUL.has(o.protocol)) fail([...at, 'port'], `protocol ${o.protocol} has no ports`)
}

/** The first schema error as one problem: a missing or unknown field, or what the value must be. */
function firstError(v: ReturnType<typeof Compile>, schema: TSchema, value: unknown, at: Array<string | number>, fail: Fail): void {
  if (v.Check(value)) return
  const errors = v.Errors(value).filter((e) => e.keyword !== 'boolean')
  // Inside a union, the branch errors say little: prefer the union's own error and its description.
  // An unknown field first: a misspelt key (`expire:`) also explains the field reported missing.
  const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors.find((x) => x.keyword === 'anyOf') ?? errors[0]
  const path = [...at, ...pointer(e.instancePath)]
  const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] }
  if (e.keyword === 'required' && params.requiredProperties) fail([...path, params.requiredProperties[0]], 'missing')
  if (e.keyword === 'additionalProperties' && params.additionalProperties) {
    const allowed = Object.keys((schemaAt(schema, e.schemaPath) as { properties?: object }).properties ?? {})
    fail([...path, params.additionalProperties[0]], `unknown field${allowed.length ? ` (expected ${allowed.join(', ')})` : ''}`)
  }
  const described = (schemaAt(schema, e.schemaPath) as { description?: string }).description
  fail(path, described && (e.keyword === 'anyOf' || e.keyword === 'pattern') ? `expected ${described}` : e.message)
}

function pointer(p: string): Array<string | number> {
  return p.split('/').slice(1).map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~')).map((x) => (/^\d+$/.test(x) ? Number(x) : x))
}

function schemaAt(schema: TSchema, schemaPath: string): unknown {
  let node: unknown = schema
  for (const p of pointer(schemaPath.replace(/^#/, ''))) node = (node as Record<string | number, unknown> | undefined)?.[p]
  return node ?? {}
}

/** `accept[3].reason` */
function fieldName(path: Array<string | number>): string | undefined {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || undefined
}

/** The line of the deepest node on the path that exists (a key's own line for a missing or unknown field's parent). */
function nodeLine(doc: Document, lc: LineCounter, path: Array<string | number>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const parent = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true) as Node | undefined
    if (n < path.length && isMap(parent)) {
      // An unknown field: the line of its key.
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[n])
      if (pair && isScalar(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line
    }
    const range = (parent as { range?: [number, number, number] } | null | undefined)?.range
    if (range) return lc.linePos(range[0]).line
  }
  return undefined
}
