/**
 * RFC 4180 CSV. Every cell is text from AWS or from analysis of it, so two defences apply: quoting
 * (commas, quotes, line breaks) and formula neutralisation — a cell that starts with = + - @ (or a tab
 * or carriage return) gets a leading ' so that a spreadsheet shows it instead of evaluating it
 * (OWASP "CSV injection").
 */
export type CsvValue = string | number | boolean | null | undefined

export function csvCell(value: CsvValue): string {
  let s = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
