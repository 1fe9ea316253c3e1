import { whyUnauthenticated } from '../auth/auth.guard';
import { roleHeld, type Authentication } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/domain-error';

/** A refusal that answers with its own HTTP status; the error formatter gives it its code and message. */
export class RequestRefusal extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly statusCode: number,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
  }
}

/**
 * A GraphQL request that holds no role (no token without AUTH_ANONYMOUS_ROLE=viewer, or a malformed, unknown or
 * revoked one) is refused before its body is read, parsed or classified. The guard alone let through what runs no
 * resolver: `{ __typename }`, and `__schema` and `__type` where introspection is on. A token that could not be
 * checked (the database is away) fails with that error, as in the guard. Undefined before authentication has run:
 * then the guard decides.
 */
export function refusalWithoutRole(authentication: Authentication | undefined, anonymousRole: 'none' | 'viewer'): unknown {
  if (!authentication) return undefined;
  if (authentication.kind === 'failed') return authentication.error;
  if (roleHeld(authentication, anonymousRole)) return undefined;
  return new RequestRefusal(ErrorCode.Unauthenticated, whyUnauthenticated(authentication), 401);
}

/** The media types of a GraphQL POST: JSON (`{"query": …}`, or a batch) and the GraphQL text itself. */
const GRAPHQL_MEDIA_TYPES = new Set(['application/json', 'application/graphql']);

/**
 * Form posts (`application/x-www-form-urlencoded`, `multipart/form-data`) and `text/plain` are what a page on another
 * site may send without asking (no CORS preflight); JSON is not. So only GraphQL's own media types are read.
 */
export function refusalOfMediaType(contentType: string | undefined): RequestRefusal | undefined {
  const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
  if (GRAPHQL_MEDIA_TYPES.has(type)) return undefined;
  const sent = type ? `Content-Type ${JSON.stringify(type.length > 100 ? `${type.slice(0, 100)}…` : type)}` : 'no Content-Type';
  return new RequestRefusal(
    ErrorCode.UnsupportedMediaType,
    `POST /graphql takes JSON (Content-Type: application/json, a body like {"query": "{ owners { totalCount } }", "variables": {}}) or the GraphQL text itself (Content-Type: application/graphql); this request sent ${sent}.`,
    415,
    { contentType: type || null },
  );
}
