// Rewrites docs/vpclens.policy.schema.json from the TypeBox schema in shared/schemas/policy.ts.
import { writeFileSync } from 'node:fs'
import { policyJsonSchema } from '../server/policy/policyJsonSchema.ts'

writeFileSync(new URL('../docs/vpclens.policy.schema.json', import.meta.url), policyJsonSchema())
