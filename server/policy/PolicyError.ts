/**
 * A policy file that cannot be used: one problem, naming the file, the line and the field
 * (`vpclens.policy.yaml:12: accept[3].reason: missing`). The CLI exits 2 with it, `serve` refuses to start.
 */
export class PolicyError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly field: string | undefined, problem: string) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${problem}`)
    this.name = 'PolicyError'
  }
}
