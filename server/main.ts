import { Command, CommanderError } from 'commander'
import { CliError } from './cli/CliError.ts'
import { checkCommand } from './cli/checkCommand.ts'
import { demoCommand } from './cli/demoCommand.ts'
import { diffCommand } from './cli/diffCommand.ts'
import { exposureCommand } from './cli/exposureCommand.ts'
import { findingsCommand } from './cli/findingsCommand.ts'
import { reachCommand } from './cli/reachCommand.ts'
import { historyCommand } from './cli/historyCommand.ts'
import { pruneCommand } from './cli/pruneCommand.ts'
import { discoverCommand } from './cli/discoverCommand.ts'
import { importCommand } from './cli/importCommand.ts'
import { serveCommand } from './cli/serveCommand.ts'
import { watchCommand } from './cli/watchCommand.ts'
import { StoreError } from './store/StoreError.ts'
import { terminalLines } from './terminalText.ts'

/** Every subcommand, in the order `vpclens --help` lists them. */
const COMMANDS = [demoCommand, discoverCommand, importCommand, serveCommand, watchCommand, exposureCommand, findingsCommand, reachCommand, diffCommand, checkCommand, historyCommand, pruneCommand]

/** The `vpclens` command line. Returns the exit code: 0 success, 1 a failed check, 2 usage or input error. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('vpclens')
    .description('AWS network topology and security-group visualizer')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  for (const add of COMMANDS) add(program)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander already printed its one-line usage error.
      return e.exitCode === 0 ? 0 : 2
    }
    if (e instanceof CliError) {
      process.stderr.write(`vpclens: ${terminalLines(e.message)}\n`)
      return e.exitCode
    }
    if (e instanceof StoreError) {
      process.stderr.write(`vpclens: ${terminalLines(e.message)}\n`)
      return 2
    }
    process.stderr.write(`vpclens: unexpected error: ${terminalLines(String((e as Error).message))}\n`)
    return 2
  }
}
