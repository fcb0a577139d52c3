import { resolve } from 'node:path'
import type { Command } from 'commander'
import { ENV_NAME_PATTERN } from '../../shared/index.ts'
import { ImportError } from '../import/ImportError.ts'
import { readImportDirectory } from '../import/readImportDirectory.ts'
import { describeStoreSummary, storeInventory } from '../import/storeInventory.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, withDataDir, withJson } from './commonOptions.ts'

interface ImportOptions extends CommonOptions { account?: string; region?: string }

/** `vpclens import DIR`: store a version from AWS CLI JSON files, validated whole before anything is stored. */
export function importCommand(program: Command): void {
  const cmd = program.command('import')
    .argument('<dir>', 'directory of describe-*.json files, or of <account-id>/<region>/ folders of them')
    .option('--env <name>', 'environment to store into (default: the account id, or multi-<lowest account id>)')
    .option('--account <id>', 'account of a one-directory import, when the files do not tell')
    .option('--region <name>', 'region of a one-directory import, when the files do not tell')
  withJson(withDataDir(cmd)).action(async (dir: string, opts: ImportOptions) => {
    if (opts.env !== undefined && !new RegExp(ENV_NAME_PATTERN).test(opts.env)) throw new CliError(`--env: "${opts.env}" must be letters, digits, ., _ or - (at most 64)`)
    let inventory
    try {
      inventory = readImportDirectory(resolve(dir), { account: opts.account, region: opts.region, collectedAt: new Date().toISOString() })
    } catch (e) {
      if (e instanceof ImportError) throw new CliError(`import ${dir}: nothing stored. ${e.message}`)
      throw e
    }
    const accounts = [...new Set(inventory.regions.map((r) => r.account))].sort()
    const env = opts.env ?? (accounts.length === 1 ? accounts[0] : `multi-${accounts[0]}`)
    const store = openStore(opts)
    try {
      const summary = await storeInventory(store, inventory, env, 'import')
      if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n')
      process.stderr.write(describeStoreSummary(summary))
    } finally {
      await store.close()
    }
  })
}
