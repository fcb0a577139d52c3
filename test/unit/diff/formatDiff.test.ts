import { describe, expect, it } from 'vitest'
import type { Inventory, Snapshot } from '../../../shared/index.ts'
import { diffSnapshots } from '../../../server/diff/diffSnapshots.ts'
import { escapeMarkdown, formatDiffMarkdown } from '../../../server/diff/formatDiffMarkdown.ts'
import { formatDiffText } from '../../../server/diff/formatDiffText.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { smallInventory } from '../../fixtures/smallInventory.ts'

function pair(edit: (inv: Inventory) => void): [Snapshot, Snapshot] {
  const inv = smallInventory()
  edit(inv)
  return [normalize(smallInventory()), normalize(inv)]
}
const title = { env: 'prod', from: '1', to: '2' }

describe('diff output formats', () => {
  it('Markdown: a titled summary, an exposure table with the cause, and a resources table', () => {
    const [a, b] = pair((inv) => inv.regions[0]!.ec2.SecurityGroups[0]!.IpPermissions!.push({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }))
    expect(formatDiffMarkdown(diffSnapshots(a, b), title)).toBe([
      '### vpclens: prod version 1 → 2',
      '',
      'Highest severity: **critical** · 1 exposure change(s) · 0 added · 0 removed · 1 modified · 0 relationship change(s)',
      '',
      '#### Exposure changes (from security-group ingress rules)',
      '',
      '| Severity | Change | Resource | Ports | Sources | Caused by |',
      '|---|---|---|---|---|---|',
      '| **critical** | newly-exposed | `sg-web` | tcp 5432 | 0.0.0.0/0 (the internet) | + ingress tcp 5432 from 0.0.0.0/0 |',
      '',
      '#### Resources',
      '',
      '| Severity | Change | Kind | Resource | Rule changes | Field changes |',
      '|---|---|---|---|---|---|',
      '| **critical** | modified | security-group | `sg-web` web | + ingress tcp 5432 from 0.0.0.0/0 | – |',
      '',
    ].join('\n'))
  })

  it('Markdown: names and tags from AWS cannot inject HTML, links, table cells or mentions', () => {
    const [a, b] = pair((inv) => { inv.regions[0]!.ec2.Vpcs[0]!.Tags = [{ Key: 'Name', Value: '<img src=x> | [click](http://evil) @admin\n# x' }] })
    const md = formatDiffMarkdown(diffSnapshots(a, b), title)
    const row = md.split('\n').find((l) => l.includes('`vpc-1`'))!
    expect(row).toContain('&lt;img src=x&gt; \\| \\[click\\](http:/\u200b/evil) @\u200badmin # x')
    expect(row.split(/(?<!\\)\|/).length).toBe(8)
    expect(escapeMarkdown('a*b_c`d')).toBe('a\\*b\\_c\\`d')
  })

  it('text: says when nothing changed, and strips control characters from AWS text', () => {
    expect(formatDiffText(diffSnapshots(normalize(smallInventory()), normalize(smallInventory())), title))
      .toBe('prod: version 1 → 2\n0 exposure change(s), 0 added, 0 removed, 0 modified, 0 relationship change(s); highest severity: none\nno changes\n')
    const [a, b] = pair((inv) => { inv.regions[0]!.ec2.Vpcs[0]!.Tags = [{ Key: 'Name', Value: 'evil\u001b[31mred' }] })
    const text = formatDiffText(diffSnapshots(a, b), title)
    expect(text).not.toContain('\u001b')
    expect(text).toContain('vpc  vpc-1 (evil?[31mred)')
  })
})
