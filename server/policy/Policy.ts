import type { PolicyAcceptance, PolicyScope } from '../../shared/index.ts'

/** A policy file read and checked (parsePolicy): every entry with the line it starts on, for reports. */
export interface Policy {
  file: string
  accept: Array<PolicyAcceptance & { line: number }>
  scopes: Array<PolicyScope & { line: number }>
}
