/**
 * The web's response validators: generated at build time from the shared schemas (no `new Function`
 * under the page's CSP), they accept what the interpreted checker accepts, reject what it rejects,
 * and a rejection names the first wrong field.
 */
import { describe, expect, it } from 'vitest'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { EnvironmentList, ExposureSummary, Graph, PolicyReport, VersionList } from '../../shared/index.ts'
import { validatorModule } from '../../web/plugins/compiledValidators.ts'
import { hasCompiledValidator, responseProblem } from '../../web/src/api/validators.ts'
import { makeGraph } from './lodFixture.ts'

const graph = () => makeGraph({ vpcs: 2, azs: 2, subnetsPerAz: 2, enisPerSubnet: 3 })
const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T

describe('build-time validators', () => {
  it('are plain code: no eval, no Function constructor, regular expressions written out', () => {
    for (const name of ['Graph', 'ExposureReport', 'ExposureSummary', 'SecurityGraph', 'Diff', 'DiffGraph', 'VersionList', 'PolicyReport']) {
      const code = validatorModule(name)
      expect(code, name).not.toMatch(/new Function|\beval\(/)
    }
    expect(validatorModule('Graph')).toContain('let External = [new RegExp("^.*$", "u")]')
    expect(() => validatorModule('NoSuchSchema')).toThrow('shared/index.ts exports no schema named NoSuchSchema')
  })

  it('cover every response the web reads', () => {
    for (const schema of [Graph, ExposureSummary, VersionList, EnvironmentList, PolicyReport]) expect(hasCompiledValidator(schema as TSchema)).toBe(true)
  })

  it('accept a valid graph', () => {
    expect(responseProblem(Graph, graph())).toBeNull()
  })

  it('reject a malformed graph, naming the field', () => {
    const g = clone(graph()) as unknown as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }
    g.nodes[3].kind = 42
    expect(responseProblem(Graph, g)).toMatch(/^\/nodes\/3\/kind: /)
    const h = clone(graph()) as unknown as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }
    delete h.edges[5].target
    expect(responseProblem(Graph, h)).toMatch(/^\/edges\/5: must have required propert.*target/)
    expect(responseProblem(Graph, { nodes: [] })).toMatch(/^\(the whole body\): .*edges/)
    expect(responseProblem(Graph, 'not a graph')).toMatch(/^\(the whole body\): must be object/)
  })

  it('agree with the interpreted checker on random corruptions', () => {
    let seed = 7
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31 }
    const junk = [null, 3, 'x', [], {}, true, undefined]
    let rejected = 0
    for (let i = 0; i < 100; i++) {
      const g = clone(graph()) as unknown as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }
      const list = rnd() < 0.5 ? g.nodes : g.edges
      const item = list[Math.floor(rnd() * list.length)]
      const keys = [...Object.keys(item), 'parent', 'label', 'extra']
      const key = keys[Math.floor(rnd() * keys.length)]
      const value = junk[Math.floor(rnd() * junk.length)]
      if (value === undefined) delete item[key]
      else item[key] = value
      const interpreted = Value.Check(Graph, g)
      expect(responseProblem(Graph, g) === null, JSON.stringify({ key, value })).toBe(interpreted)
      if (!interpreted) rejected++
    }
    expect(rejected).toBeGreaterThan(30)
  })
})
