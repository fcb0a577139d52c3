import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * A check of `Authorization: Bearer <token>` headers against the server's token. Both sides are
 * hashed first so the comparison is over equal-length digests and takes the same time whatever the
 * caller sent: neither the token's length nor a matching prefix leaks through timing.
 */
export function tokenMatcher(token: string): (authorization: string | undefined) => boolean {
  const expected = createHash('sha256').update(token, 'utf8').digest()
  return (authorization) => {
    const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization ?? '')
    const given = createHash('sha256').update(match?.[1] ?? '', 'utf8').digest()
    // Compare even when the header is missing or malformed, so every refusal costs the same.
    const equal = timingSafeEqual(given, expected)
    return match !== null && equal
  }
}

/** Tokens shorter than this are refused at start: a guessable token on a network port is no protection. */
export const MIN_TOKEN_LENGTH = 16
