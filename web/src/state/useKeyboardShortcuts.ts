import { useEffect, useRef } from 'react'

interface Shortcuts {
  /** `/` outside a text field. */
  onSlash: () => void
  /** Escape anywhere (a text field included). */
  onEscape: () => void
}

const isTextField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))

/** The app's global keys: `/` focuses search, Escape clears search and selection. */
export function useKeyboardShortcuts(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts)
  ref.current = shortcuts
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return
      if (e.key === '/' && !isTextField(e.target)) {
        e.preventDefault()
        ref.current.onSlash()
      } else if (e.key === 'Escape') {
        ref.current.onEscape()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
