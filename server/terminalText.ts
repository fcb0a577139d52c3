/**
 * Untrusted text (AWS ids, names, tags, descriptions, error messages, file names) made safe for a
 * terminal: every C0 control (ESC, BEL, CR, LF, TAB, …), DEL and every C1 control (U+0080–U+009F,
 * which includes the one-character CSI U+009B that many terminals obey) is shown escaped — `\x1b`,
 * `\x7f`, `\u009b` — so nothing from AWS can move the cursor, recolour, retitle or forge a line.
 * Escaped text contains no controls, so escaping twice changes nothing. Every table and plain-text
 * output of the CLI goes through this one function; --json output is JSON-escaped instead.
 */
export function terminalText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0)
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** The same for a message of several lines: each line escaped, the line breaks between them kept. */
export const terminalLines = (s: string) => s.split('\n').map(terminalText).join('\n')
