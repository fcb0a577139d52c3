import { appendAll } from '../../shared/appendAll.ts'
/**
 * Every page of a list call. `page(token)` sends one request (with the largest page size the call
 * accepts); `tokenOut` names the continuation field (NextToken for EC2, NextMarker for ELBv2).
 * A token seen twice ends the loop: an emulator or a bug must not make discovery spin forever.
 */
export async function paginate(page: (token: string | undefined) => Promise<Record<string, unknown>>,
  tokenOut: 'NextToken' | 'NextMarker', listKey: string): Promise<unknown[]> {
  const items: unknown[] = []
  const seen = new Set<string>()
  let token: string | undefined
  do {
    const out = await page(token)
    const list = out[listKey]
    if (Array.isArray(list)) appendAll(items, list)
    const next = out[tokenOut]
    token = typeof next === 'string' && next !== '' && !seen.has(next) ? next : undefined
    if (token) seen.add(token)
  } while (token)
  return items
}
