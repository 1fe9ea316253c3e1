const PRINTABLE = /^[\p{L}\p{N}\p{P}\p{Zs}]{1,100}$/u;

/** Who is acting, from the `X-Actor` header, for the audit history; "anonymous" when absent or unusable. */
export function actorFromHeaders(headers: Record<string, string | string[] | undefined>): string {
  const value = headers['x-actor'];
  const actor = (Array.isArray(value) ? value[0] : value)?.trim();
  return actor && PRINTABLE.test(actor) ? actor : 'anonymous';
}
