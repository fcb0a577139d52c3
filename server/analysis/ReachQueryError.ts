/** A reachability query that names something the snapshot does not hold, or that cannot be answered; `field` is the query field at fault. */
export class ReachQueryError extends Error {
  constructor(readonly field: 'from' | 'to' | 'protocol' | 'port', message: string) {
    super(`${field}: ${message}`)
    this.name = 'ReachQueryError'
  }
}
