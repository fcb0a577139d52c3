import { terminalText } from '../terminalText.ts'

/** An import that cannot be stored: every problem names the file and, where there is one, the field. */
export class ImportError extends Error {
  constructor(readonly problems: readonly string[]) {
    // Each problem escaped on its own line: file names and values come from the files.
    super(problems.length === 1 ? terminalText(problems[0]!) : `${problems.length} problems:\n  ${problems.map(terminalText).join('\n  ')}`)
    this.name = 'ImportError'
  }
}
