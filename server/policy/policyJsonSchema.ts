import { PolicyFile } from '../../shared/index.ts'

/**
 * The JSON Schema published as docs/vpclens.policy.schema.json, for editors (`# yaml-language-server:
 * $schema=…`): the TypeBox schema itself, which is JSON Schema. A test keeps the file equal to it;
 * `npx tsx scripts/write-policy-schema.ts` rewrites it.
 */
export function policyJsonSchema(): string {
  return JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...JSON.parse(JSON.stringify(PolicyFile)) }, null, 2) + '\n'
}
