/**
 * A tiny, strict XML 1.0 well-formedness checker and element reader for the export tests (Node has no
 * DOMParser; the end-to-end tests also parse the files with the browser's). It rejects unbalanced or
 * crossed tags, a raw `<` or `&` in text or attributes, unknown entities, duplicate attributes and
 * control characters, and returns every element with its decoded attributes and parent element.
 */
export interface XmlElement { name: string; attrs: Record<string, string>; parent: XmlElement | null; text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(s: string, where: string): string {
  if (/[<]/.test(s)) throw new Error(`raw < in ${where}`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s)) throw new Error(`control character in ${where}`)
  return s.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & in ${where}`)
    if (name in ENTITIES) return ENTITIES[name]
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name)
    if (num) return String.fromCodePoint(num[1].startsWith('x') ? parseInt(num[1].slice(1), 16) : Number(num[1]))
    throw new Error(`unknown entity &${name}; in ${where}`)
  })
}

export function parseXml(xml: string): XmlElement[] {
  const all: XmlElement[] = []
  const stack: XmlElement[] = []
  let i = 0
  let rootSeen = false
  const text = (s: string) => {
    if (s.trim() === '') return
    if (stack.length === 0) throw new Error(`text outside the root: ${s.slice(0, 40)}`)
    stack[stack.length - 1].text += decode(s, `text of <${stack[stack.length - 1].name}>`)
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    if (lt < 0) { text(xml.slice(i)); break }
    text(xml.slice(i, lt))
    if (xml.startsWith('<?', lt)) { i = xml.indexOf('?>', lt) + 2; if (i < 2) throw new Error('unclosed <?'); continue }
    if (xml.startsWith('<!--', lt)) { i = xml.indexOf('-->', lt) + 3; if (i < 3) throw new Error('unclosed comment'); continue }
    const gt = xml.indexOf('>', lt)
    if (gt < 0) throw new Error('unclosed tag')
    const body = xml.slice(lt + 1, gt)
    i = gt + 1
    if (body.startsWith('/')) {
      const name = body.slice(1).trim()
      const open = stack.pop()
      if (!open || open.name !== name) throw new Error(`</${name}> does not close <${open?.name}>`)
      continue
    }
    const selfClosing = body.endsWith('/')
    const m = /^([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?$/.exec(body)
    if (!m) throw new Error(`malformed tag <${body.slice(0, 60)}>`)
    const attrs: Record<string, string> = {}
    for (const a of m[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${m[1]}>`)
      attrs[a[1]] = decode(a[3] ?? a[4], `attribute ${a[1]} of <${m[1]}>`)
    }
    if (stack.length === 0) { if (rootSeen) throw new Error('two root elements'); rootSeen = true }
    const el: XmlElement = { name: m[1], attrs, parent: stack[stack.length - 1] ?? null, text: '' }
    all.push(el)
    if (!selfClosing) stack.push(el)
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`)
  if (!rootSeen) throw new Error('no root element')
  return all
}
