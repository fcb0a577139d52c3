/** An import that cannot be stored: every problem names the file and, where there is one, the field. */
export class ImportError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`)
    this.name = 'ImportError'
  }
}
