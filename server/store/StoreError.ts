/** A store failure with a stable code and a message fit to show a user (no stack, no internals). */
export class StoreError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'StoreError'
  }
}
