import { SetMetadata } from '@nestjs/common';
import type { Role } from './role';

export const PUBLIC_ROUTE = 'followthrough:public';
export const REQUIRED_ROLE = 'followthrough:required-role';

/** Open without a token: health checks, the dashboard's page and assets, and Jira's signed webhook. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The least role an operation needs, when it differs from the default: viewer for queries and HTTP reads,
 * editor for mutations.
 */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);
