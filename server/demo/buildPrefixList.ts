import type { ManagedPrefixList, PrefixListEntry } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'

export type PrefixListSpec = { name: string; entries: PrefixListEntry[] } & (
  /** A list AWS owns, with its real, global id (pl-63a5400a is S3 in us-east-1 for every account). */
  | { owner: 'AWS'; id: string }
  | { owner: 'customer'; maxEntries: number; version: number; team: string }
)

/** A DescribeManagedPrefixLists entry and its GetManagedPrefixListEntries. Returns the pl- id. */
export function buildPrefixList(b: DemoBuilder, spec: PrefixListSpec): string {
  const isAws = spec.owner === 'AWS'
  const PrefixListId = isAws ? spec.id : b.ids.id('pl', `pl:${spec.name}`)
  b.inv.ec2.ManagedPrefixLists.push(sdkShape<ManagedPrefixList>({
    PrefixListId,
    AddressFamily: 'IPv4',
    State: isAws ? 'create-complete' : 'modify-complete',
    PrefixListArn: `arn:aws:ec2:${b.region}:${isAws ? 'aws' : b.account}:prefix-list/${PrefixListId}`,
    PrefixListName: spec.name,
    ...(isAws ? {} : { MaxEntries: spec.maxEntries, Version: spec.version }),
    Tags: isAws ? [] : toTags({ Name: spec.name, team: spec.team }),
    OwnerId: isAws ? 'AWS' : b.account,
  }))
  b.inv.ec2.PrefixListEntries[PrefixListId] = spec.entries
  return PrefixListId
}
