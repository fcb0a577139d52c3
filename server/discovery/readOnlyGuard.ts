/**
 * The read-only guard: every vpclens AWS client carries this middleware, which refuses any operation
 * that is not a read before it is signed or leaves the process. vpclens is read-only by construction,
 * not only by the IAM policy a user may or may not attach.
 *
 * Allowed: operations named Describe*, List* or Get* (GetCallerIdentity among them), sts:AssumeRole,
 * which writes nothing: it turns the caller's credentials into a role's, which is how `--role-arn` and
 * `--org-role` read other accounts, and cloudtrail:LookupEvents, which reads the event history
 * (`--attribute`).
 */
import { ReadOnlyViolation } from './ReadOnlyViolation.ts'

export type AwsService = 'ec2' | 'elbv2' | 'sts' | 'organizations' | 'cloudtrail'

/** Called for every operation the guard lets through, before it is sent (progress, tests). */
export type CallObserver = (service: AwsService, operation: string) => void

export function isReadOnlyOperation(service: AwsService, operation: string): boolean {
  if (/^(Describe|List|Get)[A-Z]/.test(operation)) return true
  return (service === 'sts' && operation === 'AssumeRole') || (service === 'cloudtrail' && operation === 'LookupEvents')
}

interface MiddlewareHost {
  middlewareStack: { add(mw: unknown, options: { step: 'initialize'; name: string; priority: 'high' }): void }
}

/** Adds the guard to a client's middleware stack; returns the client for chaining. */
export function addReadOnlyGuard<C extends MiddlewareHost>(client: C, service: AwsService, observe?: CallObserver): C {
  const guard = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
    const operation = (context.commandName ?? '').replace(/Command$/, '')
    if (!isReadOnlyOperation(service, operation)) throw new ReadOnlyViolation(service, operation || '(unnamed)')
    observe?.(service, operation)
    return next(args)
  }
  client.middlewareStack.add(guard, { step: 'initialize', name: 'vpclensReadOnlyGuard', priority: 'high' })
  return client
}
