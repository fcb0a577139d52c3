import type { NaclInfo } from '../../../shared/index.ts'

/** A network ACL's entries, inbound then outbound, in evaluation order (first match wins). */
export function NaclTable({ nacl }: { nacl: NaclInfo }) {
  return (
    <div className="nacl" data-testid="nacl-table" data-nacl-id={nacl.id}>
      <div className="nacl-title">
        <span>{nacl.name ?? nacl.id}</span>
        {nacl.name !== undefined && <span className="mono small"> {nacl.id}</span>}
        {nacl.isDefault && <span className="tag">default</span>}
        <span className="muted small"> · {nacl.subnetIds.length} subnet{nacl.subnetIds.length === 1 ? '' : 's'}</span>
      </div>
      <table className="grid-table">
        <thead>
          <tr><th scope="col">Dir</th><th scope="col">Rule</th><th scope="col">Ports</th><th scope="col">CIDR</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          {nacl.entries.map((e) => (
            <tr key={`${e.egress}:${e.ruleNumber}:${e.cidr}`} className={e.action === 'deny' ? 'row-deny' : undefined}>
              <td>{e.egress ? 'out' : 'in'}</td>
              <td className="mono">{e.ruleNumber >= 32767 ? '*' : e.ruleNumber}</td>
              <td className="mono">{e.ports}</td>
              <td className="mono">{e.cidr}</td>
              <td>{e.action === 'deny' ? '✕ deny' : '✓ allow'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
