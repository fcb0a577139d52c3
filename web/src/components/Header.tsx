import type { ReactNode } from 'react'

/** The top bar: product name, the view tabs (`nav`), then whatever pickers the view needs. */
export function Header({ nav, children }: { nav?: ReactNode; children?: ReactNode }) {
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">vpclens</span>
        {nav}
      </div>
      <div className="header-controls">{children}</div>
    </header>
  )
}
