import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { buildApp } from '../app.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, withDataDir } from './commonOptions.ts'

interface ServeOptions extends CommonOptions { host: string; port: string }

const WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url))

/** `vpclens serve`: the web app and the API, on 127.0.0.1:4780 unless told otherwise. */
export function serveCommand(program: Command): void {
  const cmd = program.command('serve')
    .description('serve the web app and the API')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '4780')
  withDataDir(cmd).action(async (opts: ServeOptions) => {
    const port = Number(opts.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: expected 0-65535, got "${opts.port}"`)
    const store = openStore(opts)
    const app = await buildApp({ store, webDir: WEB_DIR })
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
    await new Promise(() => {}) // until a signal closes it
  })
}
