// Writes docs/cli.md from the command definitions (npm run docs:cli). test/unit/cliReference.test.ts
// fails when the file and the definitions disagree.
import { writeFileSync } from 'node:fs'
import { cliReference } from '../server/cli/cliReference.ts'
import { buildProgram } from '../server/main.ts'

writeFileSync(new URL('../docs/cli.md', import.meta.url), cliReference(await buildProgram(() => true)))
