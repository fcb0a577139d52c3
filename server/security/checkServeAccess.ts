import { isLoopbackHost } from './isLoopbackHost.ts'
import { MIN_TOKEN_LENGTH } from './tokenMatcher.ts'

/**
 * Why `serve` must not start with this host and token, in one line; undefined when it may. Any
 * address other than loopback is reachable by others, so it needs a token; a token must be long
 * enough not to be guessed.
 */
export function checkServeAccess(host: string, token: string | undefined): string | undefined {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    return `--token: the access token must be at least ${MIN_TOKEN_LENGTH} characters (try: openssl rand -hex 32)`
  }
  if (!isLoopbackHost(host) && token === undefined) {
    return `--host ${host} is reachable from other machines: pass --token (or set VPCLENS_TOKEN) so the API asks for it, or bind 127.0.0.1`
  }
  return undefined
}
