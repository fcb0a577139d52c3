#!/usr/bin/env node
// The `vpclens` command. Runs the TypeScript sources directly through tsx, so there is no separate
// server build step and `npx vpclens` works right after `npm install`.
import { register } from 'tsx/esm/api'
register()
const { main } = await import('../server/main.ts')
process.exitCode = await main(process.argv.slice(2))
