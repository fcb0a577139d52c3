/**
 * Vite plugin: the browser's response validators, generated at build time from the shared TypeBox
 * schemas. `import { Check } from 'virtual:validator/Graph'` is a standalone checker for the schema
 * `Graph` of shared/index.ts, written out by TypeBox's code generator (`Code`). The page's CSP
 * (`script-src 'self'`, no 'unsafe-eval') forbids the runtime compiler (`new Function`), and
 * TypeBox's interpreted `Value.Check` took 1–2 s on a 20,000-interface graph.
 *
 * The generated code refers to "external" values it cannot print (the schemas' regular expressions):
 * those are written as RegExp literals here, so the module needs nothing at run time.
 */
import type { Plugin } from 'vite'
import type { TSchema } from 'typebox'
import { Code } from 'typebox/compile'
import * as shared from '../../shared/index.ts'

const PREFIX = 'virtual:validator/'
const RESOLVED = '\0' + PREFIX

/** The ESM source of a standalone `Check(value): boolean` for one shared schema, by export name. */
export function validatorModule(name: string): string {
  const schema = (shared as Record<string, unknown>)[name]
  if (typeof schema !== 'object' || schema === null || !('~kind' in schema || 'type' in schema || 'anyOf' in schema)) {
    throw new Error(`virtual:validator/${name}: shared/index.ts exports no schema named ${name}`)
  }
  const { Code: code, External: external } = Code(schema as TSchema)
  const values = external.variables.map((v, i) => {
    if (!(v instanceof RegExp)) throw new Error(`virtual:validator/${name}: external value ${i} is not a regular expression`)
    return `new RegExp(${JSON.stringify(v.source)}, ${JSON.stringify(v.flags)})`
  })
  const declaration = `let ${external.identifier} = []`
  if (!code.includes(declaration)) throw new Error(`virtual:validator/${name}: unexpected generated code (no "${declaration}")`)
  return code.replace(declaration, `let ${external.identifier} = [${values.join(', ')}]`)
}

export function compiledValidators(): Plugin {
  return {
    name: 'vpclens-compiled-validators',
    resolveId: (id) => (id.startsWith(PREFIX) ? RESOLVED + id.slice(PREFIX.length) : undefined),
    load: (id) => (id.startsWith(RESOLVED) ? validatorModule(id.slice(RESOLVED.length)) : undefined),
  }
}
