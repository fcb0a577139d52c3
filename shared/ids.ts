/**
 * Branded identifiers. They keep ids of different things from being mixed up at compile time
 * (a version id passed where a resource id is expected), at no runtime cost.
 */
declare const brand: unique symbol
export type Brand<T, B extends string> = T & { readonly [brand]: B }

/** An AWS id or ARN that identifies one resource: `vpc-…`, `sg-…`, `arn:aws:elasticloadbalancing:…`. */
export type ResourceId = Brand<string, 'ResourceId'>
/** The id of one stored version of an environment's snapshot. */
export type VersionId = Brand<string, 'VersionId'>
/** The name of an environment: an account, or a named set of accounts and regions. */
export type EnvName = Brand<string, 'EnvName'>
/** A 12-digit AWS account id. */
export type AccountId = Brand<string, 'AccountId'>

export const asResourceId = (s: string) => s as ResourceId
export const asVersionId = (s: string) => s as VersionId
export const asEnvName = (s: string) => s as EnvName
export const asAccountId = (s: string) => s as AccountId
