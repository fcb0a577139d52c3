import { Command, CommanderError, Help } from 'commander'
import { CliError } from './cli/CliError.ts'
import { packageVersion } from './packageRoot.ts'
import { StoreError } from './store/StoreError.ts'

type AddCommand = (program: Command) => void

/**
 * A subcommand as `vpclens --help` lists it, and how to load it. Only the command being run is
 * imported (one dynamic import each): loading all of them would load the AWS SDK, Fastify and the
 * stores on every start, `--help` included. `usage` is the help's term after the name; a test checks
 * it against the loaded command's options and arguments.
 */
export interface CommandEntry { name: string; usage: string; description: string; load: () => Promise<AddCommand> }

/** Every subcommand, in the order `vpclens --help` lists them. */
export const COMMANDS: CommandEntry[] = [
  { name: 'demo', usage: '[options]', description: 'generate the demo environment (or one of about N ENIs) and store its versions', load: async () => (await import('./cli/demoCommand.ts')).demoCommand },
  { name: 'discover', usage: '[options]', description: 'read AWS networking (Describe/List/Get calls only) and store a version if anything changed', load: async () => (await import('./cli/discoverCommand.ts')).discoverCommand },
  { name: 'import', usage: '[options] <dir>', description: 'store a version from AWS CLI JSON files (layout: README "Offline import")', load: async () => (await import('./cli/importCommand.ts')).importCommand },
  { name: 'serve', usage: '[options]', description: 'serve the web app and the API', load: async () => (await import('./cli/serveCommand.ts')).serveCommand },
  { name: 'watch', usage: '[options]', description: 're-discover on an interval, record a version only on change, and POST security-relevant changes to a webhook', load: async () => (await import('./cli/watchCommand.ts')).watchCommand },
  { name: 'exposure', usage: '[options]', description: 'internet exposure of every network interface: ports, sources, direct or via a load balancer', load: async () => (await import('./cli/exposureCommand.ts')).exposureCommand },
  { name: 'findings', usage: '[options]', description: 'findings with severities: exposed admin/database ports, open rules, unused and stale groups, NACL and route hygiene', load: async () => (await import('./cli/findingsCommand.ts')).findingsCommand },
  { name: 'reach', usage: '[options]', description: 'can --from reach --to (the path, or what blocks it); without --from, everything that can reach --to', load: async () => (await import('./cli/reachCommand.ts')).reachCommand },
  { name: 'diff', usage: '[options] <from> <to>', description: 'what changed between two versions (numbers, "latest" or times: 2026-11-28T02:10Z, "2h ago"), security-relevant changes first', load: async () => (await import('./cli/diffCommand.ts')).diffCommand },
  { name: 'check', usage: '[options]', description: 'exit 1 when a change (with --against) or a finding of the latest version reaches a severity, for CI', load: async () => (await import('./cli/checkCommand.ts')).checkCommand },
  { name: 'report', usage: '[options]', description: 'an incident report between two versions: exposure and resource changes (who made them, with --attribute), the findings at TO, a diagram of the changed area', load: async () => (await import('./cli/reportCommand.ts')).reportCommand },
  { name: 'history', usage: '[options] <resource>', description: 'every version in which a resource changed, with its field and rule changes', load: async () => (await import('./cli/historyCommand.ts')).historyCommand },
  { name: 'prune', usage: '[options]', description: 'delete old versions: keep the last N and/or those seen within a duration (the latest always stays)', load: async () => (await import('./cli/pruneCommand.ts')).pruneCommand },
]

/**
 * The program with every subcommand listed and `load` of them fully defined (the others are names
 * and descriptions for the help). Exported for the test that compares the two.
 */
export async function buildProgram(load: (entry: CommandEntry) => boolean): Promise<Command> {
  const program = new Command('vpclens')
    .description('AWS network topology and security-group visualizer')
    .version(packageVersion(), '-V, --version', 'print the version of vpclens')
    // Program options only before the command: `exposure --version 3` is the command's own option.
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .configureHelp({ subcommandTerm: (cmd) => { const e = COMMANDS.find((c) => c.name === cmd.name()); return e ? `${e.name} ${e.usage}` : new Help().subcommandTerm(cmd) } })
  for (const entry of COMMANDS) {
    if (!load(entry)) { program.command(entry.name).description(entry.description); continue }
    ;(await entry.load())(program)
    program.commands.find((c) => c.name() === entry.name)!.description(entry.description)
  }
  return program
}

/** The command a command line runs: its first operand (`help X` runs X's help). */
export function commandNameOf(argv: string[]): string | undefined {
  const operands = argv.filter((a) => !a.startsWith('-'))
  return operands[0] === 'help' ? operands[1] : operands[0]
}

/** The `vpclens` command line. Returns the exit code: 0 success, 1 a failed check, 2 usage or input error. */
export async function main(argv: string[]): Promise<number> {
  try {
    const wanted = commandNameOf(argv)
    const program = await buildProgram((entry) => entry.name === wanted)
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander already printed its one-line usage error.
      return e.exitCode === 0 ? 0 : 2
    }
    if (e instanceof CliError) {
      process.stderr.write(`vpclens: ${e.message}\n`)
      return e.exitCode
    }
    if (e instanceof StoreError) {
      process.stderr.write(`vpclens: ${e.message}\n`)
      return 2
    }
    process.stderr.write(`vpclens: unexpected error: ${(e as Error).message}\n`)
    return 2
  }
}
