import { ListAccountsCommand } from '@aws-sdk/client-organizations'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { CollectionWarning } from '../../shared/index.ts'
import { assumeRoleCredentials, type AwsAccess, buildOrganizationsClient, buildStsClient, type CredentialsInput } from './clients.ts'
import { paginate } from './paginate.ts'
import { toWarning } from './toWarning.ts'

/** One account to read, with the credentials that read it (undefined: the SDK's default chain). */
export interface AccountTarget { account: string; credentials?: CredentialsInput }

export interface TargetOptions {
  /** Assume this role first (`--role-arn`), with `externalId` when the role demands one. */
  roleArn?: string
  externalId?: string
  /** Assume this role name in every active account of the organization (`--org-role`). */
  orgRole?: string
}

/**
 * The accounts a run reads: the caller's own (after `--role-arn`, if given), plus with `--org-role`
 * every active account Organizations lists, each through the named role. An account whose role
 * cannot be assumed becomes a warning; the others are still read.
 */
export async function resolveTargets(access: AwsAccess, homeRegion: string, opts: TargetOptions):
  Promise<{ caller: string; targets: AccountTarget[]; warnings: CollectionWarning[] }> {
  const base = opts.roleArn ? assumeRoleCredentials(access, homeRegion, undefined, opts.roleArn, opts.externalId) : undefined
  const identity = await buildStsClient(access, homeRegion, base).send(new GetCallerIdentityCommand({}))
  const self = identity.Account ?? ''
  const targets: AccountTarget[] = [{ account: self, credentials: base }]
  const warnings: CollectionWarning[] = []
  if (!opts.orgRole) return { caller: self, targets, warnings }

  const partition = identity.Arn?.split(':')[1] || 'aws'
  let accounts: { Id?: string; Status?: string; State?: string }[] = []
  try {
    const org = buildOrganizationsClient(access, homeRegion, base)
    accounts = await paginate((NextToken) => org.send(new ListAccountsCommand({ MaxResults: 20, ...(NextToken ? { NextToken } : {}) })) as never,
      'NextToken', 'Accounts') as typeof accounts
  } catch (e) {
    warnings.push(toWarning({ account: self, region: homeRegion, service: 'organizations', operation: 'ListAccounts' }, e))
  }
  const others = accounts
    .filter((a) => a.Id && a.Id !== self && (a.State ?? a.Status ?? 'ACTIVE') === 'ACTIVE')
    .map((a) => a.Id!).sort()
  await Promise.all(others.map(async (account) => {
    const roleArn = `arn:${partition}:iam::${account}:role/${opts.orgRole}`
    const credentials = assumeRoleCredentials(access, homeRegion, base, roleArn, opts.externalId)
    try {
      await (credentials as () => Promise<unknown>)()
      targets.push({ account, credentials })
    } catch (e) {
      warnings.push(toWarning({ account, region: homeRegion, service: 'sts', operation: 'AssumeRole' }, e))
    }
  }))
  targets.sort((a, b) => a.account.localeCompare(b.account))
  return { caller: self, targets, warnings }
}
