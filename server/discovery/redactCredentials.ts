/**
 * Removes credentials from text before it becomes a warning, a log line or an error message. AWS
 * error messages do not normally carry secrets; this is the belt to that braces, since warnings are
 * stored in snapshots and printed. It knows the credentials of the environment, the ones vpclens
 * obtained by assuming roles, and the shape of AWS access key ids.
 */
const remembered = new Set<string>()

export function rememberSecret(secret: string): void {
  if (secret.length >= 8) remembered.add(secret)
}

export function redactCredentials(text: string): string {
  const secrets = [
    process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN, ...remembered,
  ].filter((s): s is string => !!s && s.length >= 8)
  let out = text
  for (const s of secrets) out = out.split(s).join('[redacted]')
  return out.replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[redacted]')
}
