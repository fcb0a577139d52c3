/**
 * For bench/import.bench.ts: one `vpclens import DIR --data-dir STORE` in this process, then one JSON
 * line with its exit code, the import's time (module loading excluded) and the process's peak RSS.
 */
import { main } from '../server/main.ts'

const [dir, store] = process.argv.slice(2)
process.stderr.write = () => true
const t = performance.now()
const code = await main(['import', dir!, '--data-dir', store!, '--json'])
const ms = performance.now() - t
process.stdout.write(`\n${JSON.stringify({ code, ms, maxRssKb: process.resourceUsage().maxRSS })}\n`)
