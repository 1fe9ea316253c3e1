import { Role } from './role';

/** Who a request acts as: the API token it authenticated with. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** What authentication concluded about a request, kept on the request for the guard and the rate limiter. */
export type Authentication =
  | { kind: 'anonymous' }
  | { kind: 'token'; principal: Principal }
  | { kind: 'rejected'; reason: string }
  /** The token could not be checked (the database is away): the request fails with that error's code. */
  | { kind: 'failed'; error: unknown };

/** The role a request acts with: its token's, or without one AUTH_ANONYMOUS_ROLE's; null when it may do nothing. */
export function roleHeld(authentication: Authentication, anonymousRole: 'none' | 'viewer'): Role | null {
  if (authentication.kind === 'token') return authentication.principal.role;
  if (authentication.kind === 'anonymous' && anonymousRole === 'viewer') return Role.VIEWER;
  return null;
}
