import { readFileSync } from 'node:fs'
import Type, { type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { reviveTimestamps } from './reviveTimestamps.ts'

type Validator = ReturnType<typeof Compile>
const validators = new Map<string, Validator>()

function validatorFor(responseKey: string, item: TSchema): Validator {
  let v = validators.get(responseKey)
  if (!v) {
    v = Compile(Type.Object({ [responseKey]: Type.Array(item) }, { additionalProperties: true }))
    validators.set(responseKey, v)
  }
  return v
}

/** `/Vpcs/0/VpcId` → `Vpcs[0].VpcId`: the field path as a reader of the JSON file would write it. */
function fieldPath(pointer: string): string {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '')
}

export type ReadResult = { items: unknown[] } | { problems: string[] }

/**
 * One file of the layout: a response object holding `responseKey`, or an array of them (pages, or one
 * response per call), concatenated. Every problem names the file (`label`) and the field.
 */
export function readResponseFile(path: string, label: string, responseKey: string, item: TSchema): ReadResult {
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    return { problems: [`${label}: not valid JSON (${(e as Error).message})`] }
  }
  const responses = Array.isArray(value) ? value : [value]
  const validator = validatorFor(responseKey, item)
  const problems: string[] = []
  const items: unknown[] = []
  responses.forEach((response, i) => {
    const prefix = Array.isArray(value) ? `[${i}]` : ''
    if (response === null || typeof response !== 'object' || Array.isArray(response)) {
      problems.push(`${label}: ${prefix || 'top level'}: expected an AWS CLI response object with ${responseKey}`)
      return
    }
    if (!validator.Check(response)) {
      for (const err of validator.Errors(response).slice(0, 10)) {
        const at = fieldPath(err.instancePath)
        const required = (err.params as { requiredProperties?: string[] }).requiredProperties
        const where = (field: string) => [prefix, field].filter(Boolean).join('.') || '(top level)'
        if (err.keyword === 'required' && required) {
          for (const p of required) problems.push(`${label}: ${where(at ? `${at}.${p}` : p)}: missing`)
        } else problems.push(`${label}: ${where(at)}: ${err.message}`)
      }
      return
    }
    items.push(...((reviveTimestamps(response) as unknown as Record<string, unknown[]>)[responseKey]))
  })
  return problems.length > 0 ? { problems } : { items }
}
