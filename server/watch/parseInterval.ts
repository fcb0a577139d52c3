const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 }

/** Shorter intervals only hammer the AWS APIs (and throttle the account's other users). */
export const MIN_INTERVAL_MS = 5_000

/** `90s`, `15m`, `1h`, `1h30m` → milliseconds. Undefined for anything else or below MIN_INTERVAL_MS. */
export function parseInterval(text: string): number | undefined {
  const t = text.trim().toLowerCase()
  if (!/^(\d+[smh])+$/.test(t)) return undefined
  let ms = 0
  for (const [, n, unit] of t.matchAll(/(\d+)([smh])/g)) ms += Number(n) * UNITS[unit]
  return ms >= MIN_INTERVAL_MS && Number.isSafeInteger(ms) ? ms : undefined
}
