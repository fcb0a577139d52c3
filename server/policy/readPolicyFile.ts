import { readFileSync } from 'node:fs'
import { parsePolicy } from './parsePolicy.ts'
import type { Policy } from './Policy.ts'
import { PolicyError } from './PolicyError.ts'

/** The I/O edge of policies: read the file named by `--policy` and check it (one PolicyError otherwise). */
export function readPolicyFile(path: string): Policy {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new PolicyError(path, undefined, undefined, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`)
  }
  return parsePolicy(text, path)
}
