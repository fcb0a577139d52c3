import { describe, expect, it } from 'vitest'
import { earlyRequestPaths } from '../../web/src/api/earlyRequestPaths.ts'

const early = (query: string) => earlyRequestPaths(new URLSearchParams(query))

describe('earlyRequestPaths', () => {
  it('asks for the environment list alone when the address names no environment', () => {
    expect(early('')).toEqual({ paths: ['/api/environments'], latestGraphOf: null })
    expect(early('env=')).toEqual({ paths: ['/api/environments'], latestGraphOf: null })
  })

  it('asks for the named environment\'s versions, and its latest graph once they are in', () => {
    expect(early('env=prod%2Feu')).toEqual({ paths: ['/api/environments', '/api/environments/prod%2Feu/versions'], latestGraphOf: 'prod/eu' })
  })

  it('asks for the graph of a version named by number on the Infrastructure view only', () => {
    expect(early('env=demo&version=12').paths).toContain('/api/environments/demo/versions/12/graph')
    expect(early('env=demo&version=12&view=infrastructure').paths).toContain('/api/environments/demo/versions/12/graph')
    for (const q of ['env=demo&version=12&view=findings', 'env=demo&view=diff', 'env=demo&version=2h%20ago', 'env=demo&version=latest', 'env=demo&version=007']) {
      expect(early(q).paths.some((p) => p.endsWith('/graph')), q).toBe(false)
    }
    expect(early('env=demo&version=2h%20ago').latestGraphOf).toBeNull()
    expect(early('env=demo&view=findings').latestGraphOf).toBeNull()
  })
})
