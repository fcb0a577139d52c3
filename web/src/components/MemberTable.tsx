import type { SecurityGroupMember } from '../../../shared/index.ts'

const OWNER_KIND: Record<string, string> = {
  instance: 'EC2', 'load-balancer': 'ELB', 'nat-gateway': 'NAT', 'vpc-endpoint': 'VPCE',
}

/** The network interfaces carrying a group: owner, interface and every address. Names are text only. */
export function MemberTable({ members }: { members: SecurityGroupMember[] }) {
  if (members.length === 0) return <p className="muted">No network interface carries this group.</p>
  return (
    <table className="grid-table" data-testid="group-members">
      <thead>
        <tr><th scope="col">Resource</th><th scope="col">Interface</th><th scope="col">Addresses</th></tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.networkInterfaceId} data-eni={m.networkInterfaceId}>
            <td>
              {m.ownerKind !== null && <span className="tag">{OWNER_KIND[m.ownerKind] ?? m.ownerKind}</span>} {m.label}
            </td>
            <td className="mono small">{m.networkInterfaceId}</td>
            <td className="mono small">
              {[...m.privateIps, ...m.publicIps.map((ip) => `${ip} (public)`), ...m.ipv6].join('\n') || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
