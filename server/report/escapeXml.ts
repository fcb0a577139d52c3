/**
 * Untrusted text (names, tags, descriptions, CloudTrail user agents) as XML/HTML text or attribute
 * value: markup characters as entities, and control characters XML 1.0 does not allow dropped.
 */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, '?')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
