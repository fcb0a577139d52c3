import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { type CollectionWarning, emptyRegionInventory, type RegionInventory } from '../../shared/index.ts'
import { cliName, KEYED_CALLS, LIST_CALLS, listenerArnOfRule, RULES_CALL } from './importLayout.ts'
import { readResponseFile } from './readResponseFile.ts'
import { symlinkProblem } from './symlinkProblem.ts'
import { appendAll } from '../../shared/appendAll.ts'

export interface RegionRead {
  /** Lists by inventory key, filled into a RegionInventory once account and region are known. */
  fill(inventory: RegionInventory): void
  /** Calls that have no file: the import records them as not collected. */
  missing: { service: string; operation: string; file: string }[]
  problems: string[]
}

/**
 * One directory of the layout (one account × region). Reads and validates every file; an unknown
 * file name is a problem, a missing file is recorded so the import can warn about it. Hidden files
 * (.DS_Store, editor files) are ignored.
 */
export function readRegionDirectory(dir: string, label: string): RegionRead {
  const problems: string[] = []
  const fills: ((inv: RegionInventory) => void)[] = []
  const listByFile = new Map(LIST_CALLS.map((c) => [`${cliName(c.operation)}.json`, c]))
  const keyedByFolder = new Map(KEYED_CALLS.map((c) => [cliName(c.operation), c]))
  const rulesFile = `${cliName(RULES_CALL.operation)}.json`
  const seen = new Set<string>()
  const rel = (name: string) => (label ? `${label}/${name}` : name)

  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    if (entry.isSymbolicLink()) { problems.push(symlinkProblem(rel(entry.name))); continue }
    const list = listByFile.get(entry.name)
    const keyed = keyedByFolder.get(entry.name)
    if (list && entry.isFile()) {
      seen.add(entry.name)
      const r = readResponseFile(join(dir, entry.name), rel(entry.name), list.responseKey, list.item)
      if ('problems' in r) { appendAll(problems, r.problems); continue }
      fills.push((inv) => { appendAll((inv[list.service] as unknown as Record<string, unknown[]>)[list.inventoryKey], r.items) })
    } else if (entry.name === rulesFile && entry.isFile()) {
      seen.add(entry.name)
      const r = readResponseFile(join(dir, entry.name), rel(entry.name), RULES_CALL.responseKey, RULES_CALL.item)
      if ('problems' in r) { appendAll(problems, r.problems); continue }
      const byListener = new Map<string, unknown[]>()
      r.items.forEach((rule, i) => {
        const listener = listenerArnOfRule((rule as { RuleArn: string }).RuleArn)
        if (!listener) { problems.push(`${rel(entry.name)}: rule ${i}: RuleArn is not a listener rule ARN`); return }
        const list = byListener.get(listener)
        if (list) list.push(rule)
        else byListener.set(listener, [rule])
      })
      fills.push((inv) => { for (const [k, v] of byListener) inv.elbv2.Rules[k] = appendAll((inv.elbv2.Rules[k] ?? []) as unknown[], v) as never })
    } else if (keyed && entry.isDirectory()) {
      seen.add(entry.name)
      for (const file of readdirSync(join(dir, entry.name), { withFileTypes: true })) {
        if (file.name.startsWith('.')) continue
        const fileLabel = rel(`${entry.name}/${file.name}`)
        if (file.isSymbolicLink()) { problems.push(symlinkProblem(fileLabel)); continue }
        if (!file.isFile() || !file.name.endsWith('.json')) { problems.push(`${fileLabel}: expected <URL-encoded ${keyed.parameter}>.json`); continue }
        let key: string
        try { key = decodeURIComponent(file.name.slice(0, -'.json'.length)) } catch {
          problems.push(`${fileLabel}: the file name is not a URL-encoded ${keyed.parameter}`); continue
        }
        const r = readResponseFile(join(dir, entry.name, file.name), fileLabel, keyed.responseKey, keyed.item)
        if ('problems' in r) { appendAll(problems, r.problems); continue }
        fills.push((inv) => { (inv[keyed.service] as unknown as Record<string, Record<string, unknown[]>>)[keyed.inventoryKey][key] = r.items })
      }
    } else {
      problems.push(`${rel(entry.name)}: not part of the import layout (expected files such as describe-vpcs.json; see README "Offline import")`)
    }
  }

  const missing = [
    ...LIST_CALLS.map((c) => ({ service: c.service, operation: c.operation, file: `${cliName(c.operation)}.json` })),
    { service: RULES_CALL.service, operation: RULES_CALL.operation, file: rulesFile },
    ...KEYED_CALLS.map((c) => ({ service: c.service, operation: c.operation, file: cliName(c.operation) })),
  ].filter((c) => !seen.has(c.file))
  return { fill: (inv) => { for (const f of fills) f(inv) }, missing, problems }
}

/** The RegionInventory of a region read, with a warning per call that has no file. */
export function regionInventoryOf(read: RegionRead, account: string, region: string): { inventory: RegionInventory; warnings: CollectionWarning[] } {
  const inventory = emptyRegionInventory(account, region)
  read.fill(inventory)
  const warnings = read.missing.map((m) => ({
    account, region, service: m.service, operation: m.operation, code: 'NotCollected',
    message: `${m.file} is missing from the import directory, so nothing of ${m.operation} was imported`,
  }))
  return { inventory, warnings }
}
