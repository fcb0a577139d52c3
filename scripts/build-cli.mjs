#!/usr/bin/env node
// Compiles the command line and the server (server/ and the shared/ it imports) into dist/server/:
// one esbuild bundle with a chunk per command, npm packages left as imports except TypeBox (see
// BUNDLED). Run by `npm install`
// (the `prepare` script), `npm run build` and `npm start`, so `vpclens` starts without transpiling
// TypeScript. Also imported by bin/vpclens.mjs and the test set-up for `staleReason` only; esbuild
// itself is loaded only when building.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
export const CLI_DIST = join(ROOT, 'dist', 'server')
export const CLI_ENTRY = join(CLI_DIST, 'main.js')
/** The sources the build was made from (esbuild's metafile inputs, and this script), relative to the root. */
const INPUTS = join(CLI_DIST, 'inputs.json')
const SELF = relative(ROOT, fileURLToPath(import.meta.url))
/**
 * Packages compiled into the bundle rather than imported at run time: TypeBox is pure ES modules in
 * about 180 small files, which took Node longer to resolve and load than everything else a command
 * like `exposure` loads. It is only used through server/ and shared/ (the Fastify type provider is
 * imported for its types), so one copy in the bundle is the only copy at run time.
 */
const BUNDLED = ['typebox']

/**
 * Why dist/server cannot be run as it is — missing, or older than a source it was built from — or
 * undefined when it is current. About 200 stat calls: cheap enough for every start.
 */
export function staleReason() {
  let built, inputs
  try {
    built = statSync(CLI_ENTRY).mtimeMs
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'))
  } catch {
    return 'dist/server is not built'
  }
  for (const file of inputs) {
    let mtime
    try { mtime = statSync(join(ROOT, file)).mtimeMs } catch { return `${file} (compiled into dist/server) no longer exists` }
    if (mtime > built) return `${file} is newer than dist/server`
  }
  return undefined
}

/** Builds into a fresh directory and swaps it in, so a `vpclens` starting meanwhile never loads half a build. */
export async function buildCli() {
  const { build } = await import('esbuild')
  const tmp = `${CLI_DIST}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['server/main.ts'],
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: dependencies().filter((name) => !BUNDLED.includes(name)),
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  })
  // A bundled package is represented by its package.json (its version), not its hundreds of files.
  const sources = Object.keys(result.metafile.inputs).filter((f) => !f.split('/').includes('node_modules'))
  const inputs = [...sources, SELF, ...BUNDLED.map((name) => `node_modules/${name}/package.json`)]
  writeFileSync(join(tmp, 'inputs.json'), JSON.stringify(inputs, null, 1) + '\n')
  const old = `${CLI_DIST}.old-${process.pid}`
  if (existsSync(CLI_DIST)) renameSync(CLI_DIST, old)
  renameSync(tmp, CLI_DIST)
  rmSync(old, { recursive: true, force: true })
  return sources.length
}

/** Every package vpclens declares: esbuild leaves `name` and `name/…` imports of these alone. */
function dependencies() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now()
  const files = await buildCli()
  process.stdout.write(`vpclens: compiled ${files} files into dist/server in ${Date.now() - started} ms\n`)
}
