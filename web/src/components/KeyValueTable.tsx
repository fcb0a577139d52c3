/** Rows of name → value, both rendered as text (tags and attributes are untrusted). */
export function KeyValueTable({ rows, testId, empty = 'None' }: { rows: [string, string][]; testId?: string; empty?: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>
  return (
    <table className="kv" data-testid={testId}>
      <tbody>
        {rows.map(([k, v], i) => (
          <tr key={`${i}:${k}`}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
