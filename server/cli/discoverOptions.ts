import type { Command } from 'commander'
import type { AwsAccess } from '../discovery/clients.ts'
import { CliError } from './CliError.ts'

/** The discover flags `watch` and `serve --refresh` accept (the same meaning as for `vpclens discover`). */
export interface DiscoverFlags {
  profile?: string; roleArn?: string; externalId?: string; orgRole?: string; regions?: string
  endpoint?: string; concurrency?: string; maxAttempts?: string; timeout?: string
}

export const DISCOVER_FLAG_NAMES: (keyof DiscoverFlags)[] = [
  'profile', 'roleArn', 'externalId', 'orgRole', 'regions', 'endpoint', 'concurrency', 'maxAttempts', 'timeout',
]

/** How to reach AWS and with which credentials: what discovery and CloudTrail attribution share. */
export function withAwsAccessOptions(c: Command): Command {
  return c
    .option('--profile <name>', 'AWS profile (default: the SDK credential chain)')
    .option('--role-arn <arn>', 'assume this role first')
    .option('--external-id <id>', 'external id for --role-arn / --org-role')
    .option('--org-role <name>', 'assume this role name in every active account Organizations lists')
    .option('--endpoint <url>', 'send every AWS call to this endpoint (an emulator such as moto); also AWS_ENDPOINT_URL')
    .option('--max-attempts <n>', 'attempts per call, with adaptive retry on throttling (default 6)')
    .option('--timeout <seconds>', 'timeout of one HTTP attempt (default 30)')
}

export function withDiscoverOptions(c: Command): Command {
  return withAwsAccessOptions(c)
    .option('--regions <list>', 'comma-separated regions, or "all"; default: the configured region')
    .option('--concurrency <n>', 'requests in flight at once (default 8)')
}

/** Whether any discover flag was given (then `serve` offers refresh). */
export function hasDiscoverFlags(flags: DiscoverFlags): boolean {
  return DISCOVER_FLAG_NAMES.some((k) => flags[k] !== undefined)
}

export function parseRegions(value: string | undefined): string[] | 'all' | undefined {
  if (value === undefined) return undefined
  if (value.trim() === 'all') return 'all'
  const list = value.split(',').map((r) => r.trim()).filter(Boolean)
  const bad = list.find((r) => !/^[a-z]{2}(-[a-z]+)+-[0-9]+$/.test(r))
  if (list.length === 0 || bad !== undefined) throw new CliError(`--regions: "${bad ?? value}" is not a region name (e.g. eu-west-1), and the list is not "all"`)
  return [...new Set(list)]
}

export function positiveIntFlag(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag}: expected a positive integer, got "${value}"`)
  return n
}

/** The discover flags checked once, up front (a usage error stops the command), as discovery settings. */
export function discoverSettings(flags: DiscoverFlags): { regions: string[] | 'all' | undefined; access: AwsAccess; concurrency: number } {
  const regions = parseRegions(flags.regions)
  if (flags.externalId && !flags.roleArn && !flags.orgRole) throw new CliError('--external-id needs --role-arn or --org-role')
  if (flags.endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(flags.endpoint)) throw new CliError(`--endpoint: "${flags.endpoint}" is not an http(s) URL`)
  const access: AwsAccess = {
    endpoint: flags.endpoint, profile: flags.profile,
    maxAttempts: positiveIntFlag('--max-attempts', flags.maxAttempts, 6),
    requestTimeoutMs: positiveIntFlag('--timeout', flags.timeout, 30) * 1000,
  }
  return { regions, access, concurrency: positiveIntFlag('--concurrency', flags.concurrency, 8) }
}
