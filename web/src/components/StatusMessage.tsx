/** A loading or error message in place of content. Text only: error messages may quote user data. */
export function StatusMessage({ kind, title, message }: { kind: 'loading' | 'error' | 'empty'; title: string; message?: string }) {
  return (
    <div className={`status status-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={`status-${kind}`}>
      {kind === 'loading' && <span className="spinner" aria-hidden="true" />}
      <div>
        <div className="status-title">{title}</div>
        {message !== undefined && <div className="status-message">{message}</div>}
      </div>
    </div>
  )
}
