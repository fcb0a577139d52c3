import type { FastifyError, FastifyInstance } from 'fastify'
import { StoreError } from './store/StoreError.ts'

/** An error meant for the client: a stable code, an HTTP status and a message that names the problem. */
export class AppError extends Error {
  constructor(readonly code: string, readonly statusCode: number, message: string) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError('not_found', 404, `${what} not found`)

/** The one error handler: 4xx say what was wrong, 5xx never leak internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | StoreError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send({ code: error.code, message: error.message })
    }
    const fe = error as FastifyError
    if (fe.validation) {
      const first = fe.validation[0]
      const field = `${fe.validationContext ?? 'request'}${first?.instancePath ? first.instancePath.replace(/\//g, '.') : ''}`
      return reply.status(400).send({ code: 'bad_request', message: `${field}: ${first?.message ?? 'is invalid'}` })
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: fe.code ?? 'bad_request', message: fe.message })
    }
    if (error instanceof StoreError) {
      request.log.error({ code: error.code }, error.message)
      return reply.status(503).send({ code: error.code, message: 'the snapshot store is not available' })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send({ code: 'internal', message: 'internal error' })
  })
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` })
  })
}
