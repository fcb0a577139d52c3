/**
 * The only place that builds AWS SDK clients and touches credentials. Every client gets the read-only
 * guard, the SDK's adaptive retry (client-side rate limiting plus backoff on throttling), a per-attempt
 * timeout, and the endpoint of an emulator when one is given (`--endpoint`, else AWS_ENDPOINT_URL).
 * Credentials come from the SDK's default chain (environment, profile, SSO, instance role), optionally
 * with a named profile, or from assumed roles (assumeRoleCredentials).
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { OrganizationsClient } from '@aws-sdk/client-organizations'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { addReadOnlyGuard, type CallObserver } from './readOnlyGuard.ts'
import { rememberSecret } from './redactCredentials.ts'

export type CredentialsInput = EC2ClientConfig['credentials']

export interface AwsAccess {
  endpoint?: string
  profile?: string
  /** Attempts per call, including the first; throttling and transient errors are retried. */
  maxAttempts: number
  /** Timeout of one HTTP attempt, in milliseconds. */
  requestTimeoutMs: number
  observe?: CallObserver
  /** Test seam only: an SDK request handler that replays recorded HTTP responses. */
  requestHandler?: EC2ClientConfig['requestHandler']
}

export interface RegionClients { ec2: EC2Client; elbv2: ElasticLoadBalancingV2Client }

function baseConfig(access: AwsAccess, region: string, credentials: CredentialsInput) {
  const endpoint = access.endpoint ?? process.env.AWS_ENDPOINT_URL
  return {
    region,
    retryMode: 'adaptive',
    maxAttempts: access.maxAttempts,
    requestHandler: access.requestHandler ?? {
      connectionTimeout: Math.min(access.requestTimeoutMs, 10_000),
      requestTimeout: access.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(endpoint ? { endpoint } : {}),
    ...(access.profile ? { profile: access.profile } : {}),
    ...(credentials ? { credentials } : {}),
  } as const
}

export function buildRegionClients(access: AwsAccess, region: string, credentials?: CredentialsInput): RegionClients {
  const config = baseConfig(access, region, credentials)
  return {
    ec2: addReadOnlyGuard(new EC2Client(config), 'ec2', access.observe),
    elbv2: addReadOnlyGuard(new ElasticLoadBalancingV2Client(config), 'elbv2', access.observe),
  }
}

export function buildStsClient(access: AwsAccess, region: string, credentials?: CredentialsInput): STSClient {
  return addReadOnlyGuard(new STSClient(baseConfig(access, region, credentials)), 'sts', access.observe)
}

export function buildOrganizationsClient(access: AwsAccess, region: string, credentials?: CredentialsInput): OrganizationsClient {
  return addReadOnlyGuard(new OrganizationsClient(baseConfig(access, region, credentials)), 'organizations', access.observe)
}

export function buildCloudTrailClient(access: AwsAccess, region: string, credentials?: CredentialsInput): CloudTrailClient {
  return addReadOnlyGuard(new CloudTrailClient(baseConfig(access, region, credentials)), 'cloudtrail', access.observe)
}

/**
 * A credentials provider that assumes `roleArn` with the given base credentials, and assumes it again
 * shortly before the session expires (an organization-wide run can outlast one session).
 */
export function assumeRoleCredentials(access: AwsAccess, region: string, base: CredentialsInput,
  roleArn: string, externalId?: string): NonNullable<CredentialsInput> {
  const sts = buildStsClient(access, region, base)
  let cached: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date } | undefined
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000)) return cached
    const out = await sts.send(new AssumeRoleCommand({
      RoleArn: roleArn, RoleSessionName: 'vpclens-discovery', DurationSeconds: 3600,
      ...(externalId ? { ExternalId: externalId } : {}),
    }))
    const c = out.Credentials
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`)
    for (const s of [c.AccessKeyId, c.SecretAccessKey, c.SessionToken]) if (s) rememberSecret(s)
    cached = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration }
    return cached
  }
}
