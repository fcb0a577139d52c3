import { describe, expect, it } from 'vitest'
import { formatUrlState, parseUrlState } from '../../web/src/state/urlState.ts'

describe('urlState', () => {
  it('reads the exposure overlay and its port filter next to the view state', () => {
    const s = parseUrlState('?env=demo&version=2&view=infrastructure&overlay=exposure&port=22')
    expect(s).toEqual({ env: 'demo', version: '2', view: 'infrastructure', q: null, select: null, overlay: 'exposure', port: '22', accepted: null })
    expect(parseUrlState('?env=demo&overlay=&port=')).toMatchObject({ overlay: null, port: null })
  })

  it('writes overlay and port, drops them when off, and keeps parameters it does not own', () => {
    const on = parseUrlState('?env=demo&version=2&view=infrastructure&overlay=exposure&port=22')
    expect(formatUrlState(on, '?from=1&to=2')).toBe('?from=1&to=2&env=demo&version=2&view=infrastructure&overlay=exposure&port=22')
    expect(parseUrlState(formatUrlState(on))).toEqual(on)
    const off = formatUrlState({ ...on, overlay: null, port: null }, '?env=demo&overlay=exposure&port=22&from=1')
    expect(off).toBe('?env=demo&from=1&version=2&view=infrastructure')
  })

  it('keeps "hide accepted" (serve --policy) in the address, shared by Findings and the overlay', () => {
    const s = parseUrlState('?env=demo&view=findings&accepted=hide')
    expect(s.accepted).toBe('hide')
    expect(formatUrlState(s)).toBe('?env=demo&view=findings&accepted=hide')
    expect(formatUrlState({ ...s, accepted: null }, '?accepted=hide')).toBe('?env=demo&view=findings')
  })
})
