import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { compiledValidators } from './plugins/compiledValidators.ts'
import { earlyRequestsEntry } from './plugins/earlyRequestsEntry.ts'

const root = fileURLToPath(new URL('.', import.meta.url))

// `npm run build` = `vite build --config web/vite.config.ts` → web/dist, served by `vpclens serve`.
// `vite --config web/vite.config.ts` serves the web with hot reload and proxies /api to a running
// `vpclens serve` on its default port.
export default defineConfig(({ command, mode }) => {
  // A build started from a test runner inherits NODE_ENV=test, which would ship React's development
  // build: production mode means production React.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production'
  return {
  root,
  base: '/',
  // compiledValidators: the API response checkers, generated from shared/ (no eval under the CSP).
  // earlyRequestsEntry: the first API requests leave before the 1 MB bundle is compiled.
  plugins: [react(), compiledValidators(), earlyRequestsEntry(fileURLToPath(new URL('./src/earlyRequests.ts', import.meta.url)))],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Cytoscape alone is ~500 kB minified; one chunk for a local tool is fine.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:4780', changeOrigin: false } },
  },
  }
})
