/**
 * Vite plugin (build only): the page's first API requests (src/earlyRequests.ts) as a script of
 * their own, `/assets/early.js`, placed first in the page's head. Vite bundles every module script of
 * index.html into the one entry chunk of about 1 MB, which the browser must download and compile
 * before running any of it; this small entry runs as soon as the document is parsed, while the big
 * one still loads. main.tsx imports the same module (for `vite` dev serving); it does nothing when
 * this entry already ran.
 */
import type { Plugin } from 'vite'

export const EARLY_ENTRY = 'early'

export function earlyRequestsEntry(entry: string): Plugin {
  return {
    name: 'vpclens-early-requests',
    apply: 'build',
    config: () => ({
      build: {
        rollupOptions: {
          input: { index: 'index.html', [EARLY_ENTRY]: entry },
          output: { entryFileNames: (chunk: { name: string }) => (chunk.name === EARLY_ENTRY ? 'assets/early.js' : 'assets/[name]-[hash].js') },
        },
      },
    }),
    transformIndexHtml: () => [{ tag: 'script', attrs: { type: 'module', crossorigin: true, src: '/assets/early.js' }, injectTo: 'head-prepend' }],
  }
}
