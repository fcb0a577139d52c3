import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { WebhookPayload } from '../../shared/index.ts'
import { signBody } from './signBody.ts'

export interface WebhookOptions {
  url: string
  /** HMAC key for X-Vpclens-Signature; without it the header is left out. */
  secret?: string
  /** One attempt's limit (default 10 s): a receiver that hangs is treated like one that failed. */
  timeoutMs?: number
  /** Attempts per delivery, the first included (default 5). */
  maxAttempts?: number
  /** Wait before the second attempt; doubled for each later one, at most 5 minutes (default 2 s). */
  backoffMs?: number
  /** Deliveries waiting beyond this are dropped, oldest first, and logged (default 50). */
  queueLimit?: number
  log: (line: string) => void
  userAgent?: string
}

export interface WebhookSender {
  /** Queues a delivery and returns at once: a slow or failing receiver never holds up discovery. */
  send(payload: WebhookPayload): void
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>
  /** Waits up to `graceMs` for queued deliveries, then abandons the rest (logged). */
  close(graceMs?: number): Promise<void>
}

/**
 * Delivers webhooks one at a time, in order, each retried with exponential backoff on a network
 * error, a timeout, 408, 429 or 5xx; another 4xx means the receiver refuses it, so it is not retried.
 * Every attempt of a delivery carries the same X-Vpclens-Delivery id, so a receiver can drop repeats.
 * Logs name only the receiver's host: webhook URLs often carry their own secret in the path.
 */
export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxAttempts = options.maxAttempts ?? 5
  const backoffMs = options.backoffMs ?? 2_000
  const queueLimit = options.queueLimit ?? 50
  const host = safeHost(options.url)
  const stop = new AbortController()
  const queue: { id: string; body: string; label: string }[] = []
  let running: Promise<void> | undefined

  async function deliver(item: { id: string; body: string; label: string }): Promise<void> {
    for (let attempt = 1; attempt <= maxAttempts && !stop.signal.aborted; attempt++) {
      if (attempt > 1) {
        const wait = Math.min(backoffMs * 2 ** (attempt - 2), 300_000)
        try { await sleep(wait, undefined, { signal: stop.signal }) } catch { break }
      }
      const outcome = await attemptOnce(item)
      if (stop.signal.aborted) break
      if (outcome === 'delivered') {
        options.log(`webhook ${item.label} delivered to ${host}${attempt > 1 ? ` on attempt ${attempt}` : ''}`)
        return
      }
      if (outcome.retry === false) {
        options.log(`webhook ${item.label} refused by ${host} (${outcome.reason}); not retried`)
        return
      }
      options.log(`webhook ${item.label} attempt ${attempt}/${maxAttempts} to ${host} failed: ${outcome.reason}`)
    }
    options.log(stop.signal.aborted
      ? `webhook ${item.label} to ${host} abandoned at shutdown`
      : `webhook ${item.label} to ${host} given up after ${maxAttempts} attempts`)
  }

  async function attemptOnce(item: { id: string; body: string }): Promise<'delivered' | { retry: boolean; reason: string }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': options.userAgent ?? 'vpclens-webhook',
      'x-vpclens-event': 'vpclens.changes',
      'x-vpclens-delivery': item.id,
    }
    if (options.secret) headers['x-vpclens-signature'] = signBody(item.body, options.secret)
    try {
      const res = await fetch(options.url, {
        method: 'POST', headers, body: item.body, redirect: 'error',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stop.signal]),
      })
      await res.body?.cancel().catch(() => {})
      if (res.ok) return 'delivered'
      const retry = res.status >= 500 || res.status === 408 || res.status === 429
      return { retry, reason: `HTTP ${res.status}` }
    } catch (e) {
      const err = e as Error
      const reason = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : err.name === 'AbortError' ? 'stopped' : `${err.message}${(err.cause as Error | undefined)?.message ? ` (${(err.cause as Error).message})` : ''}`
      return { retry: true, reason }
    }
  }

  function pump(): void {
    if (running) return
    running = (async () => {
      while (queue.length > 0 && !stop.signal.aborted) await deliver(queue.shift()!)
    })().finally(() => { running = undefined })
  }

  return {
    send(payload) {
      if (stop.signal.aborted) return
      queue.push({ id: randomUUID(), body: JSON.stringify(payload), label: `${payload.env} v${payload.fromVersion}→v${payload.toVersion}` })
      while (queue.length > queueLimit) options.log(`webhook ${queue.shift()!.label} dropped: more than ${queueLimit} deliveries waiting for ${host}`)
      pump()
    },
    async idle() {
      while (running) await running
    },
    async close(graceMs = 5_000) {
      const drained = this.idle()
      const timer = sleep(graceMs, 'late' as const, { ref: false })
      if ((await Promise.race([drained.then(() => 'done' as const), timer])) === 'late') {
        stop.abort()
        if (queue.length > 0) options.log(`webhook: ${queue.length} queued deliveries to ${host} abandoned at shutdown`)
        await drained
      }
      stop.abort()
    },
  }
}

function safeHost(url: string): string {
  try { return new URL(url).host } catch { return 'the webhook receiver' }
}
