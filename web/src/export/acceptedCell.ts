import type { AcceptanceMark } from '../../../shared/index.ts'

/** The `accepted` column of the CSV exports: empty, or `policy line 7: reason (owner), until 2027-01-31`. */
export const acceptedCell = (m: AcceptanceMark | undefined): string =>
  m ? `policy line ${m.line}: ${m.reason} (${m.owner})${m.expires ? `, until ${m.expires}` : ''}` : ''
