import { readFileSync } from 'node:fs'
import Type, { type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { reviveTimestamps } from './reviveTimestamps.ts'
import { splitJsonDocuments } from './splitJsonDocuments.ts'
import { valueProblems } from './valueProblems.ts'
import { appendAll } from '../../shared/appendAll.ts'

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
 * response per call), or several such JSON texts one after another (AWS CLI pages appended with `>>`),
 * concatenated. Every problem names the file (`label`) and the field.
 */
export function readResponseFile(path: string, label: string, responseKey: string, item: TSchema): ReadResult {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (e) {
    return { problems: [`${label}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] }
  }
  const split = splitJsonDocuments(bytes)
  if ('problem' in split) return { problems: [`${label}: ${split.problem}`] }
  if (split.texts.length === 0) return { problems: [`${label}: empty; expected AWS CLI JSON output with ${responseKey}`] }
  const validator = validatorFor(responseKey, item)
  const problems: string[] = []
  const items: unknown[] = []
  split.texts.forEach((text, d) => {
    const page = split.texts.length > 1 ? `document ${d + 1}: ` : ''
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      problems.push(`${label}: ${page}not valid JSON (${(e as Error).message})`)
      return
    }
    const responses = Array.isArray(value) ? value : [value]
    responses.forEach((response, i) => {
      const prefix = Array.isArray(value) ? `[${i}]` : ''
      if (response === null || typeof response !== 'object' || Array.isArray(response)) {
        problems.push(`${label}: ${page}${prefix || 'top level'}: expected an AWS CLI response object with ${responseKey}`)
        return
      }
      if (!validator.Check(response)) {
        for (const err of validator.Errors(response).slice(0, 10)) {
          const at = fieldPath(err.instancePath)
          const required = (err.params as { requiredProperties?: string[] }).requiredProperties
          const where = (field: string) => page + ([prefix, field].filter(Boolean).join('.') || '(top level)')
          if (err.keyword === 'required' && required) {
            for (const p of required) problems.push(`${label}: ${where(at ? `${at}.${p}` : p)}: missing`)
          } else problems.push(`${label}: ${where(at)}: ${err.message}`)
        }
        return
      }
      // Values the shape allows but AWS never returns: named like shape problems, with their field.
      const bad = valueProblems((response as Record<string, unknown[]>)[responseKey]!, responseKey)
      if (bad.length > 0) { for (const b of bad) problems.push(`${label}: ${page}${prefix ? `${prefix}.` : ''}${b}`); return }
      appendAll(items, (reviveTimestamps(response) as unknown as Record<string, unknown[]>)[responseKey]!)
    })
  })
  return problems.length > 0 ? { problems } : { items }
}
