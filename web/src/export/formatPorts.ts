/** `22`, `8000-8100`, `all` for [0, 65535]; several joined by `;`. */
export function formatPorts(ports: readonly (readonly [number, number])[] | undefined): string {
  if (!ports) return ''
  return ports.map(([a, b]) => (a === 0 && b === 65535 ? 'all' : a === b ? String(a) : `${a}-${b}`)).join(';')
}
