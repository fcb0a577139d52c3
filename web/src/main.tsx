// First: start the page's first API requests before the rest of the app (Cytoscape, React) is evaluated.
import './earlyRequests.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
