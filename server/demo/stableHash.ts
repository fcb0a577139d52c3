/**
 * 128 bits of a string as 32 lower-case hex digits. Four multiply-xor lanes (the cyrb53 recipe with
 * different constants) with a final cross-lane avalanche. Not cryptographic: it only has to spread
 * demo ids evenly, be fast at 100k+ calls, and never change, since every demo id is derived from it.
 */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57, h3 = 0x9e3779b9, h4 = 0x85ebca6b
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
    h3 = Math.imul(h3 ^ c, 2246822507)
    h4 = Math.imul(h4 ^ c, 3266489909)
  }
  const m1 = mix(h1, h2), m2 = mix(h2, h3), m3 = mix(h3, h4), m4 = mix(h4, h1)
  return hex8(mix(m1, m3)) + hex8(mix(m2, m4)) + hex8(mix(m3, m2)) + hex8(mix(m4, m1))
}

function mix(a: number, b: number): number {
  return Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909)
}

// A byte table: toString(16) + padStart was the generator's hottest line at 20,000 ENIs.
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function hex8(n: number): string {
  return BYTE_HEX[(n >>> 24) & 255] + BYTE_HEX[(n >>> 16) & 255] + BYTE_HEX[(n >>> 8) & 255] + BYTE_HEX[n & 255]
}
