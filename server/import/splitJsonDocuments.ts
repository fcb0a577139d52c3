import { constants, isUtf8 } from 'node:buffer'

/** Deeper than any AWS CLI output (about 10 levels): deeper input is refused before anything walks it. */
export const MAX_JSON_DEPTH = 100

export type JsonDocuments = { texts: string[] } | { problem: string }

const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * The JSON texts of a response file, checked for what JSON.parse would get wrong or die on:
 * - encoding: a UTF-8 byte order mark is skipped; UTF-16 (what Windows PowerShell's `>` writes) and
 *   bytes that are not UTF-8 are refused — decoding them anyway would turn them into U+FFFD and
 *   silently make new ids;
 * - nesting deeper than MAX_JSON_DEPTH is refused here, so no later walk of the value (timestamp
 *   revival, canonical JSON, equality) can run out of stack;
 * - several JSON texts one after another (AWS CLI pages appended with `>>`) are split apart, so
 *   each page is parsed on its own and a file of many pages is not one huge string.
 * The scan is one iterative pass over the bytes; structural characters are ASCII, so bytes of
 * multi-byte UTF-8 characters can never be mistaken for them.
 */
export function splitJsonDocuments(bytes: Buffer): JsonDocuments {
  let start = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  const utf16 = utf16Kind(bytes)
  if (utf16) return { problem: `UTF-16${utf16} text (as Windows PowerShell writes with > or Out-File); save it as UTF-8, e.g. Out-File -Encoding utf8, or run the AWS CLI with > from cmd or a Unix shell` }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes)
    return { problem: `not UTF-8: invalid byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at} (line ${lineAt(bytes, at)}); AWS CLI output is UTF-8, so this file was changed or re-encoded` }
  }
  const texts: string[] = []
  let depth = 0
  let docStart = -1
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b === QUOTE) {
      // Jump to the closing quote: one that is not escaped by an odd number of backslashes.
      let j = i
      for (;;) {
        j = bytes.indexOf(QUOTE, j + 1)
        if (j < 0) { j = bytes.length; break }
        let k = j - 1
        while (bytes[k] === BACKSLASH) k--
        if ((j - 1 - k) % 2 === 0) break
      }
      if (docStart < 0) docStart = i
      i = j
      continue
    }
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (docStart < 0) docStart = i
      if (++depth > MAX_JSON_DEPTH) return { problem: `nested more than ${MAX_JSON_DEPTH} levels deep at line ${lineAt(bytes, i)} (AWS CLI output nests about 10); not AWS CLI output` }
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      if (docStart < 0) docStart = i
      if (--depth === 0) { texts.push(decode(bytes, docStart, i + 1)); docStart = -1 } else if (depth < 0) break
    } else if (docStart < 0 && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) {
      docStart = i
      if (depth === 0) break // a bare value at the top level: left whole to JSON.parse to judge
    }
  }
  if (docStart >= 0) texts.push(decode(bytes, docStart, bytes.length))
  if (texts.some((t) => t.length === 0)) return { problem: `a single JSON text larger than ${constants.MAX_STRING_LENGTH} characters; split the output into pages (--max-items) in one file` }
  return { texts }
}

/** UTF-16 by its byte order mark, or by the zero bytes of ASCII text (`{` is 7b 00 in UTF-16LE). */
function utf16Kind(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return ' (little-endian)'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return ' (big-endian)'
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return ' (little-endian, no byte order mark)'
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return ' (big-endian, no byte order mark)'
  return undefined
}

/** A text that would exceed V8's string limit decodes to '' here, which the caller reports. */
function decode(bytes: Buffer, from: number, to: number): string {
  return to - from > constants.MAX_STRING_LENGTH ? '' : bytes.toString('utf8', from, to)
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++
  return line
}

/** Offset of the first byte that breaks UTF-8 (only called once isUtf8 said there is one). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (n < 0) return i
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    const c1 = bytes[i + 1]!
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i
    i += n + 1
  }
  return bytes.length
}
