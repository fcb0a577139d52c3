import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Compile } from 'typebox/compile'
import { type CollectionWarning, Inventory, type RegionInventory } from '../../shared/index.ts'
import { cliName } from './importLayout.ts'
import { ImportError } from './ImportError.ts'
import { inferAccountAndRegion } from './inferAccountAndRegion.ts'
import { readRegionDirectory, regionInventoryOf } from './readRegionDirectory.ts'
import { symlinkProblem } from './symlinkProblem.ts'
import { appendAll } from '../../shared/appendAll.ts'

export interface ImportOptions {
  /** Account and region of a flat directory, when its contents cannot tell. */
  account?: string
  region?: string
  /** The collection time to record (the files do not say when they were collected). */
  collectedAt: string
}

const ACCOUNT_DIR = /^[0-9]{12}$/
const REGION_DIR = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/
const validInventory = Compile(Inventory)

/**
 * An import directory → Inventory, validated whole before anything is returned: either every file is
 * well-formed and known, or an ImportError lists each problem with its file and field.
 * Two layouts: the files of one account × region directly in DIR, or DIR/<account-id>/<region>/.
 */
export function readImportDirectory(dir: string, opts: ImportOptions): Inventory {
  let entries
  try {
    if (!statSync(dir).isDirectory()) throw new ImportError([`${dir}: not a directory`])
    entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'))
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw new ImportError([`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`])
  }
  const problems: string[] = []
  const regions: RegionInventory[] = []
  const warnings: CollectionWarning[] = []
  const nested = entries.length > 0 && entries.every((e) => (e.isDirectory() || e.isSymbolicLink()) && ACCOUNT_DIR.test(e.name))

  if (nested) {
    if (opts.account || opts.region) problems.push(`${dir}: --account and --region apply only to a directory of one account × region; this one holds <account-id>/<region>/ folders`)
    for (const acct of entries) {
      if (acct.isSymbolicLink()) { problems.push(symlinkProblem(acct.name)); continue }
      for (const reg of readdirSync(join(dir, acct.name), { withFileTypes: true })) {
        if (reg.name.startsWith('.')) continue
        const label = `${acct.name}/${reg.name}`
        if (reg.isSymbolicLink()) { problems.push(symlinkProblem(label)); continue }
        if (!reg.isDirectory() || !REGION_DIR.test(reg.name)) { problems.push(`${label}: expected a region directory such as eu-west-1`); continue }
        const read = readRegionDirectory(join(dir, acct.name, reg.name), label)
        appendAll(problems, read.problems)
        if (read.problems.length > 0) continue
        const { inventory, warnings: w } = regionInventoryOf(read, acct.name, reg.name)
        regions.push(inventory)
        appendAll(warnings, w)
      }
    }
  } else if (entries.length > 0) {
    const read = readRegionDirectory(dir, '')
    appendAll(problems, read.problems)
    if (problems.length === 0) {
      // Account and region are needed before the lists can be placed; infer them from the contents.
      const probe = regionInventoryOf(read, '000000000000', 'unknown')
      const where = inferAccountAndRegion(probe.inventory, opts)
      if ('problem' in where) problems.push(`${dir}: ${where.problem}`)
      else {
        const { inventory, warnings: w } = regionInventoryOf(read, where.account, where.region)
        regions.push(inventory)
        appendAll(warnings, w)
      }
    }
  }
  if (problems.length === 0 && regions.length === 0) problems.push(`${dir}: holds no AWS CLI output (see README "Offline import" for the layout)`)
  if (problems.length > 0) throw new ImportError(problems.slice(0, 50).concat(problems.length > 50 ? [`… and ${problems.length - 50} more`] : []))

  const inventory: Inventory = { schemaVersion: 1, source: 'import', collectedAt: opts.collectedAt, regions, warnings }
  if (!validInventory.Check(inventory)) {
    // Every file was checked above; this catches a layout value the file checks cannot see (an account id).
    const e = validInventory.Errors(inventory)[0]
    throw new ImportError([`${dir}: the assembled inventory is invalid at ${e?.instancePath}: ${e?.message}`])
  }
  return inventory
}

/** The file of an import directory that holds a call's data, in either layout: integrity warnings name it. */
export function importFileOf(dir: string): (where: { account: string; region: string; operation: string }) => string {
  return (w) => {
    const file = `${cliName(w.operation)}.json`
    return existsSync(join(dir, w.account, w.region)) ? `${w.account}/${w.region}/${file}` : file
  }
}
