import type { SecurityRuleRow } from '../../../shared/index.ts'

interface Props {
  rules: SecurityRuleRow[]
  direction: 'ingress' | 'egress'
  testId?: string
  /** Called with a peer group's id when its name is clicked. */
  onPeer?: (groupId: string) => void
}

/** A security group's rules of one direction. Descriptions and names are untrusted: text only. */
export function RuleTable({ rules, direction, testId, onPeer }: Props) {
  if (rules.length === 0) return <p className="muted">{direction === 'ingress' ? 'No inbound rules: nothing is admitted.' : 'No outbound rules: nothing may leave.'}</p>
  return (
    <table className="grid-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Ports</th>
          <th scope="col">{direction === 'ingress' ? 'Source' : 'Destination'}</th>
          <th scope="col">Description</th>
          <th scope="col">Rule</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id} data-rule-id={r.id} className={r.peerKind === 'internet' && direction === 'ingress' ? 'row-internet' : undefined}>
            <td className="mono">{r.ports}</td>
            <td>
              <PeerCell rule={r} onPeer={onPeer} />
            </td>
            <td className="description">{r.description ?? ''}</td>
            <td className="mono small">{r.id}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function PeerCell({ rule, onPeer }: { rule: SecurityRuleRow; onPeer?: (id: string) => void }) {
  switch (rule.peerKind) {
    case 'internet': return <><span className="mono">{rule.peer}</span> <span className="tag tag-internet">internet</span></>
    case 'self': return <span>this group (self)</span>
    case 'security-group':
      return (
        <>
          {onPeer ? <button type="button" className="link" onClick={() => onPeer(rule.peer)}>{rule.peerName ?? rule.peer}</button> : <span>{rule.peerName ?? rule.peer}</span>}
          {rule.peerName !== undefined && <span className="mono small"> {rule.peer}</span>}
          {rule.peeringConnectionId !== undefined && <span className="tag">via {rule.peeringConnectionId}</span>}
        </>
      )
    case 'prefix-list': return <>{rule.peerName ?? rule.peer}{rule.peerName !== undefined && <span className="mono small"> {rule.peer}</span>}</>
    default: return <span className="mono">{rule.peer}</span>
  }
}
