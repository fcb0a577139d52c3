/** Thrown by the read-only guard when code tries to send an operation that could change AWS. */
export class ReadOnlyViolation extends Error {
  constructor(readonly service: string, readonly operation: string) {
    super(`refused ${service}:${operation}: vpclens only sends Describe*, List* and Get* calls (and sts:AssumeRole)`)
    this.name = 'ReadOnlyViolation'
  }
}
