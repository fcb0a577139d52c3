import type { Command } from 'commander'

const INTRO = `# Command-line reference

Generated from the command definitions by \`npm run docs:cli\`; a test keeps it equal to them.
The README's "Command line" section is the overview; this page lists every option.

Common to the commands that read the store:

- \`--data-dir DIR\` (or \`VPCLENS_DATA_DIR\`; default \`./snapshots\`) and \`--store postgres://…\`
  (or \`VPCLENS_STORE\`) choose the store; \`--env NAME\` the environment (default: the only one, or
  the most recently updated).
- A version is a number, \`latest\`, or a time: the version current then, e.g. \`2026-11-28T02:10Z\`,
  \`2026-11-28T02:10:00+01:00\`, \`2h ago\`, \`3d ago\`.
- \`--json\` prints machine-readable output on stdout; messages go to stderr.
- Exit codes: 0 success; 1 a check that failed its threshold (or \`reach\` that found no path);
  2 usage or input errors, with one line on stderr naming the flag, file or field; \`check\` documents
  its own further codes.
`

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** docs/cli.md: every command with its arguments and options, in the order `vpclens --help` lists them. */
export function cliReference(program: Command): string {
  const out = [INTRO]
  for (const cmd of program.commands) {
    const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ')
    const about = cmd.description()
    out.push(`## vpclens ${cmd.name()}${args ? ` ${args}` : ''}`, '', `${about.charAt(0).toUpperCase()}${about.slice(1)}.`, '')
    const options = cmd.options.filter((o) => !o.hidden)
    if (options.length === 0) continue
    out.push('| option | meaning |', '|---|---|')
    for (const o of options) {
      const fallback = o.defaultValue === undefined || o.defaultValue === false ? '' : ` (default: \`${String(o.defaultValue)}\`)`
      out.push(`| \`${cell(o.flags)}\` | ${cell(o.description)}${fallback} |`)
    }
    out.push('')
  }
  return out.join('\n').replace(/\n+$/, '\n')
}
