import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'

/**
 * The Content-Security-Policy of every response (the web app, the API and /docs alike).
 * Scripts only from this origin, never inline: an injected tag name or description cannot run.
 * Styles allow 'unsafe-inline' because Cytoscape (and swagger-ui on /docs) set inline `style`
 * attributes on the elements they create; CSS cannot run script in current browsers, and inline
 * `<script>` and `on*=` attributes stay forbidden. `upgrade-insecure-requests` is left out: a server
 * on a LAN address over plain HTTP would otherwise make browsers fetch its own scripts over https.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
}

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // The API is read by our own page only; nothing here is meant to be embedded elsewhere.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  })
}
