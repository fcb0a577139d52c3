import { portRangeText } from '../../../shared/network/index.ts'

/** `22`, `8000-8100`, `all` for [0, 65535] (the shared port text); several joined by `;`. */
export function formatPorts(ports: readonly (readonly [number, number])[] | undefined): string {
  if (!ports) return ''
  return ports.map(([a, b]) => portRangeText(a, b)).join(';')
}
