import type { ReactNode } from 'react'

/** The top bar: product name, then whatever pickers the view needs. */
export function Header({ children }: { children?: ReactNode }) {
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">vpclens</span>
        <span className="brand-view">Infrastructure</span>
      </div>
      <div className="header-controls">{children}</div>
    </header>
  )
}
