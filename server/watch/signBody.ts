import { createHmac } from 'node:crypto'

/** The `X-Vpclens-Signature` value: `sha256=` and the hex HMAC-SHA256 of the exact body bytes. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}
