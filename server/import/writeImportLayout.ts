import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Inventory } from '../../shared/index.ts'
import { cliName, KEYED_CALLS, LIST_CALLS, RULES_CALL } from './importLayout.ts'

/**
 * Writes an inventory as the import layout, DIR/<account-id>/<region>/, one file per call: what
 * `discover --save-raw DIR` leaves for a later `import DIR` (which gives the same snapshot hash).
 * Timestamps become ISO text, as JSON has no dates; import turns them back.
 */
export function writeImportLayout(inventory: Inventory, dir: string): string[] {
  const written: string[] = []
  const write = (path: string, value: unknown) => {
    writeFileSync(path, JSON.stringify(value, null, 2) + '\n', { mode: 0o644 })
    written.push(path)
  }
  for (const r of inventory.regions) {
    const base = join(dir, r.account, r.region)
    mkdirSync(base, { recursive: true })
    for (const c of LIST_CALLS) {
      const list = (r[c.service] as unknown as Record<string, unknown[]>)[c.inventoryKey]
      write(join(base, `${cliName(c.operation)}.json`), { [c.responseKey]: list })
    }
    // One response per listener, as the AWS CLI gives them; rule ARNs name their listener.
    write(join(base, `${cliName(RULES_CALL.operation)}.json`),
      Object.keys(r.elbv2.Rules).sort().map((listener) => ({ [RULES_CALL.responseKey]: r.elbv2.Rules[listener] })))
    for (const c of KEYED_CALLS) {
      const folder = join(base, cliName(c.operation))
      mkdirSync(folder, { recursive: true })
      const byKey = (r[c.service] as unknown as Record<string, Record<string, unknown[]>>)[c.inventoryKey]
      for (const key of Object.keys(byKey).sort()) write(join(folder, `${encodeURIComponent(key)}.json`), { [c.responseKey]: byKey[key] })
    }
  }
  return written
}
