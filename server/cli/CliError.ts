/** A failure to report as one clear line on stderr, with the exit code of design.md (2 = usage or input). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message)
    this.name = 'CliError'
  }
}
