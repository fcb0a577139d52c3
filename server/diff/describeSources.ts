import { addressShare, parseCidr } from './cidrRelations.ts'

/**
 * Sources in a few words for people: a set covering most of an address family reads "the IPv4
 * internet" (exposure analysis lists it as dozens of public ranges); long lists are cut short.
 * Machine output keeps the full list.
 */
export function describeSources(sources: readonly string[]): string {
  const v4 = sources.filter((s) => parseCidr(s) && !parseCidr(s)!.v6)
  const v6 = sources.filter((s) => parseCidr(s)?.v6)
  const other = sources.filter((s) => !parseCidr(s))
  const part = (list: string[], share: number, name: string) =>
    list.length > 1 && share >= 0.5 ? [`the ${name} internet (${list.length} ranges)`] : list
  const parts = [...part(v4, addressShare(v4).v4, 'IPv4'), ...part(v6, addressShare(v6).v6, 'IPv6'), ...other]
  if (parts.length === 0) return 'nowhere'
  return parts.length > 4 ? `${parts.slice(0, 3).join(', ')} and ${parts.length - 3} more` : parts.join(', ')
}
