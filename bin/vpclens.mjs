#!/usr/bin/env node
// The `vpclens` command. Runs the compiled JavaScript in dist/server (built by `npm install`,
// `npm run build` and `npm start`; see scripts/build-cli.mjs). When dist/server is missing or older
// than a source it was built from (a checkout edited or updated since the last build), it runs the
// TypeScript sources through tsx instead — slower to start, never out of date — and says so on
// stderr. It never builds by itself: that would write into the install directory, and two commands
// started together would race. VPCLENS_FROM_SOURCE=1 runs the sources (through tsx) on purpose.
import { staleReason } from '../scripts/build-cli.mjs'

const fromSource = process.env.VPCLENS_FROM_SOURCE === '1'
const stale = fromSource ? undefined : staleReason()
let main
if (!fromSource && stale === undefined) {
  ({ main } = await import('../dist/server/main.js'))
} else {
  if (stale !== undefined) process.stderr.write(`vpclens: ${stale}; running the TypeScript sources through tsx (slower to start; npm run build compiles them)\n`)
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../server/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
