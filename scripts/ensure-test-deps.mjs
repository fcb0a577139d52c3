#!/usr/bin/env node
// Before `npm test`: make sure what the suite needs from outside npm is here — Chromium for the
// browser tests, moto for the discovery tests, PostgreSQL for the team-store tests. Installs it when
// it can (root with apt-get), otherwise stops with one line saying exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const missing = []
const chromium = process.env.VPCLENS_CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(chromium)) missing.push({ what: 'Chromium', apt: 'chromium', hint: 'apt-get install -y chromium' })
if (!hasPostgres()) missing.push({ what: 'PostgreSQL', apt: 'postgresql', hint: 'apt-get install -y postgresql' })

const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0
if (missing.length > 0 && canApt) {
  process.stderr.write(`installing ${missing.map((m) => m.what).join(', ')} with apt-get…\n`)
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing.map((m) => m.apt)], { stdio: 'inherit' })
  if (r.status !== 0) fail(`could not install ${missing.map((m) => m.apt).join(' ')}: run ${missing.map((m) => m.hint).join(' && ')}`)
} else if (missing.length > 0) {
  fail(`the tests need ${missing.map((m) => m.what).join(' and ')}: run ${missing.map((m) => m.hint).join(' && ')} (as root)`)
}

if (spawnSync('python3', ['-c', 'import moto.server']).status !== 0) {
  fail("the discovery tests need moto (an AWS API emulator): run python3 -m pip install 'moto[server]'")
}

function hasPostgres() {
  for (const cmd of ['initdb', 'pg_ctl']) {
    try { execFileSync('sh', ['-c', `command -v ${cmd} || ls /usr/lib/postgresql/*/bin/${cmd}`], { stdio: 'ignore' }) } catch { return false }
  }
  return true
}

function fail(line) {
  process.stderr.write(`vpclens tests: ${line}\n`)
  process.exit(1)
}
