import { ApiRequestError, authorization } from './requestJson.ts'

/**
 * GET /api/environments/:env/report: the incident report as a file (HTML, no script). A fetch, not a
 * link, so that a server's access token goes with it.
 */
export async function getReportFile(env: string, from: string, to: string, attribute: boolean): Promise<{ name: string; blob: Blob }> {
  const res = await fetch(`/api/environments/${encodeURIComponent(env)}/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` +
    `&format=html${attribute ? '&attribute=true' : ''}`, { headers: authorization() })
  if (!res.ok) {
    const body = await res.json().catch(() => undefined) as { code?: string; message?: string } | undefined
    throw new ApiRequestError(res.status, body?.code ?? 'HTTP_ERROR', body?.message ?? `${res.status} ${res.statusText}`)
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `vpclens-${env}-${from}-${to}.html`
  return { name, blob: await res.blob() }
}
