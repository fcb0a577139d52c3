import { join } from 'node:path'
import type { Command } from 'commander'
import { ENV_NAME_PATTERN } from '../../shared/index.ts'
import { PACKAGE_ROOT } from '../packageRoot.ts'
import { buildApp } from '../app.ts'
import { checkServeAccess } from '../security/checkServeAccess.ts'
import { RefreshRunner } from '../watch/RefreshRunner.ts'
import { type AttributeFlags, attributeSettings, lookupFromFlags } from './attributeOptions.ts'
import { hasDiscoverFlags, withDiscoverOptions } from './discoverOptions.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, dataDirOf, loadPolicy, openStore, withDataDir, withPolicy } from './commonOptions.ts'
import { prewarmLatest } from './prewarmLatest.ts'

interface ServeOptions extends CommonOptions, AttributeFlags { host: string; port: string; token?: string; refresh?: boolean }

const WEB_DIR = join(PACKAGE_ROOT, 'web', 'dist')

/** `vpclens serve`: the web app and the API, on 127.0.0.1:4780 unless told otherwise. */
export function serveCommand(program: Command): void {
  const cmd = program.command('serve')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '4780')
    .option('--token <token>', 'access token every API request must send as Authorization: Bearer (env VPCLENS_TOKEN); required for a non-loopback --host')
    .option('--refresh', 'offer Refresh (POST /api/environments/:env/refresh): run discovery on request; implied by any discover option')
    .option('--env <name>', 'with refresh: the environment it records into (default: the caller\'s account id)')
    .option('--attribute', 'offer who-changed-it from AWS CloudTrail in the diff view and reports (LookupEvents, read-only; the discover flags give the credentials)')
    .option('--attribute-limit <n>', 'look up at most this many changed resources per diff (default 50)')
  withPolicy(withDiscoverOptions(withDataDir(cmd))).action(async (opts: ServeOptions) => {
    const port = Number(opts.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: expected 0-65535, got "${opts.port}"`)
    const token = opts.token ?? (process.env.VPCLENS_TOKEN || undefined)
    const refused = checkServeAccess(opts.host, token)
    if (refused) throw new CliError(refused)
    if (opts.env !== undefined && !new RegExp(ENV_NAME_PATTERN).test(opts.env)) throw new CliError(`--env: "${opts.env}" must be letters, digits, ., _ or - (at most 64)`)
    // Read once, at start: a malformed policy stops serve with one line (exit 2); edit it, then restart.
    const policy = loadPolicy(opts)
    const { limit } = attributeSettings(opts)
    const attributor = opts.attribute ? { limit, dataDir: dataDirOf(opts), lookup: (t: Parameters<typeof lookupFromFlags>[1]) => lookupFromFlags(opts, t) } : undefined
    // The AWS SDK is loaded only when Refresh is offered: a plain `serve` starts without it (and without its warnings).
    const collect = opts.refresh || hasDiscoverFlags(opts)
      ? await (await import('../watch/createDiscoveryCollector.ts')).createDiscoveryCollector(opts)
      : undefined
    const store = openStore(opts)
    try {
      // Read once now: a damaged or unreachable store is reported at start, in one line, not on the first request.
      await store.listEnvironments()
    } catch (e) {
      await store.close().catch(() => {})
      throw new CliError(`cannot read the store: ${(e as Error).message}`)
    }
    const log = (line: string) => process.stderr.write(`${line}\n`)
    const refresher = collect && new RefreshRunner({ collect, store, env: opts.env, log })
    const app = await buildApp({ store, webDir: WEB_DIR, security: { token }, refresher, attributor, policy })
    const close = async () => { await app.close(); await store.close(); process.exit(0) }
    process.once('SIGINT', close)
    process.once('SIGTERM', close)
    try {
      await app.listen({ host: opts.host, port })
    } catch (e) {
      throw new CliError(`cannot listen on ${opts.host}:${port}: ${(e as Error).message}`)
    }
    const address = app.server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host
    process.stdout.write(`vpclens serving http://${shownHost}:${actualPort}\n`)
    void prewarmLatest(app, store, token)
    await new Promise(() => {}) // until a signal closes it
  })
}
