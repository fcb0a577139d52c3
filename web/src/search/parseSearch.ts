/**
 * The search box's little language. Terms are separated by spaces and must all match (AND):
 *
 *   web-1            id, name or resource id contains the text (case-insensitive); an address or CIDR
 *                    alone means ip:
 *   id:eni-0ab  name:bastion
 *   tag:env=prod     a tag with that key and value; tag:env any value; tag:"cost center"=r&d
 *   ip:10.0.1.0/24   a resource with an address inside (containers: a CIDR inside); ip:10.0.1.5
 *   type:instance    a kind, or its short tag: type:ec2, type:eni, type:alb, type:nat, type:igw…
 *   port:22          security groups admit tcp or udp 22 (or all traffic); port:udp/53, port:8000-8100
 *
 * Pure; a term it cannot read is reported, not silently ignored.
 */
import { type Cidr, parseCidr } from '../../../shared/network/index.ts'

export type SearchTerm =
  | { kind: 'text'; text: string }
  | { kind: 'id'; text: string }
  | { kind: 'name'; text: string }
  | { kind: 'tag'; key: string; value: string | null }
  | { kind: 'ip'; range: Cidr }
  | { kind: 'type'; type: string }
  | { kind: 'port'; protocol: 'tcp' | 'udp' | null; from: number; to: number }

export interface ParsedSearch { terms: SearchTerm[]; errors: string[] }

/** Splits on spaces outside double quotes; quotes are removed. */
export function tokenize(query: string): string[] {
  const out: string[] = []
  let cur = '', quoted = false, any = false
  for (const ch of query) {
    if (ch === '"') { quoted = !quoted; any = true; continue }
    if (!quoted && /\s/.test(ch)) {
      if (any) out.push(cur)
      cur = ''
      any = false
      continue
    }
    cur += ch
    any = true
  }
  if (any) out.push(cur)
  return out
}

export function parseSearch(query: string): ParsedSearch {
  const terms: SearchTerm[] = []
  const errors: string[] = []
  for (const token of tokenize(query)) {
    const m = /^(id|name|tag|ip|type|port):(.*)$/is.exec(token)
    if (!m) {
      if (token === '') continue
      const range = /^[0-9a-f:.]+(\/\d+)?$/i.test(token) && /[.:]/.test(token) ? parseCidr(token) : null
      terms.push(range ? { kind: 'ip', range } : { kind: 'text', text: token.toLowerCase() })
      continue
    }
    const key = m[1].toLowerCase(), value = m[2]
    if (value === '') { errors.push(`${key}: needs a value`); continue }
    switch (key) {
      case 'id': terms.push({ kind: 'id', text: value.toLowerCase() }); break
      case 'name': terms.push({ kind: 'name', text: value.toLowerCase() }); break
      case 'type': terms.push({ kind: 'type', type: value.toLowerCase() }); break
      case 'tag': {
        const eq = value.indexOf('=')
        terms.push(eq < 0 ? { kind: 'tag', key: value.toLowerCase(), value: null } : { kind: 'tag', key: value.slice(0, eq).toLowerCase(), value: value.slice(eq + 1).toLowerCase() })
        break
      }
      case 'ip': {
        const range = parseCidr(value)
        if (range) terms.push({ kind: 'ip', range })
        else errors.push(`ip: "${value}" is not an IP address or CIDR block`)
        break
      }
      case 'port': {
        const p = /^(?:(tcp|udp)\/)?(\d{1,5})(?:-(\d{1,5}))?$/i.exec(value)
        const from = p ? Number(p[2]) : NaN, to = p ? Number(p[3] ?? p[2]) : NaN
        if (!p || from > 65535 || to > 65535 || from > to) errors.push(`port: "${value}" is not a port, a range (8000-8100) or tcp/22`)
        else terms.push({ kind: 'port', protocol: p[1] ? (p[1].toLowerCase() as 'tcp' | 'udp') : null, from, to })
        break
      }
    }
  }
  return { terms, errors }
}
