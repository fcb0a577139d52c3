/// <reference types="vite/client" />

/** A validator generated at build time from the shared schema of that name (web/plugins/compiledValidators.ts). */
declare module 'virtual:validator/*' {
  export function Check(value: unknown): boolean
}
