import type { ProgressEvent, ProgressListener } from './collectRegion.ts'

/**
 * Progress of a run as account × region × service: on a terminal one line redrawn in place, otherwise
 * a plain line per finished account × region × service (logs and CI keep every step).
 */
export function createProgressReporter(out: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean }):
  { listener: ProgressListener; finish(): void } {
  const tty = !!out.isTTY
  let started = 0
  let finished = 0
  let last = ''
  const line = (e: ProgressEvent) => `${e.account} ${e.region} ${e.service}`
  return {
    listener(e) {
      if (e.state === 'started') started++
      else finished++
      if (tty) {
        if (e.state !== 'started') last = `${line(e)} ${e.state}`
        out.write(`\r\x1b[2Kdiscovering: ${finished}/${started} account×region×service done${last ? ` · ${last}` : ''}`)
      } else if (e.state !== 'started') {
        out.write(`${line(e)}: ${e.state}${e.warnings ? ` (${e.warnings} warning${e.warnings === 1 ? '' : 's'})` : ''}\n`)
      }
    },
    finish() { if (tty && started > 0) out.write('\n') },
  }
}
