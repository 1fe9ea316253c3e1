import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks Jira's `X-Hub-Signature: sha256=<hex>` (WebSub style): an HMAC of the raw request bytes with the
 * webhook's secret, compared in constant time. Only sha256 is accepted: it is what Jira sends today.
 */
export function isValidSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}
