import { JiraRequestError } from './jira-request-error';

/** Failures to connect at all: the request never left this machine, so Jira cannot have seen it. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  // TLS refused during the handshake, before any byte of the request.
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/**
 * Whether a write Jira did not confirm (a create, a comment) may have been carried out all the same, so that
 * sending it again could make a duplicate. No only when the failure proves nothing was written:
 * - Jira answered 4xx (400, 401, 403, 409, 429, ...): it refused the request;
 * - the connection was never made (refused, unknown host, TLS rejected): the request never left.
 * Anything else may have been applied: a 5xx (Jira, or a gateway in front of it, may have failed after
 * writing), a timeout, a connection dropped after sending, a success we could not read, an unknown failure.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  if (!(error instanceof JiraRequestError)) return true;
  if (error.status !== null) return error.status < 400 || error.status >= 500;
  return error.networkCode === null || !NEVER_SENT.has(error.networkCode);
}
