import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Env } from '../config/env';
import type { GraphQLContext } from '../graphql/graphql-context';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './access.decorators';
import { roleHeld, type Authentication } from './principal';
import { Role, roleAllows } from './role';

const HOW_TO_GET_A_TOKEN =
  'Send "Authorization: Bearer <token>"; an admin creates one with: npm run -s cli -- token create --name NAME --role viewer|editor|admin';

/**
 * Every GraphQL operation and HTTP route passes here. Queries and HTTP reads need a viewer, mutations an editor,
 * unless the handler says otherwise; with no token at all, only `AUTH_ANONYMOUS_ROLE` (none by default) applies.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly env: Env,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const graphql = context.getType<GqlContextType>() === 'graphql';
    const { authentication, operation } = graphql ? this.fromGraphQL(context) : this.fromHttp(context);
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? (operation === 'mutation' ? Role.EDITOR : Role.VIEWER);

    if (authentication.kind === 'failed') throw authentication.error;
    const held = roleHeld(authentication, this.env.AUTH_ANONYMOUS_ROLE);
    if (!held) throw unauthenticated(graphql, whyUnauthenticated(authentication));
    if (roleAllows(held, required)) return true;
    const who = authentication.kind === 'token' ? `The token "${authentication.principal.name}" has` : 'Requests without a token have';
    const message = `${who} the ${held} role; ${operation === 'mutation' ? 'this change' : 'this'} needs ${required} or higher.`;
    throw graphql ? new DomainError(ErrorCode.Forbidden, message, { requiredRole: required }) : new ForbiddenException(message);
  }

  private fromGraphQL(context: ExecutionContext): { authentication: Authentication; operation: string } {
    const gql = GqlExecutionContext.create(context);
    return { authentication: gql.getContext<GraphQLContext>().authentication, operation: gql.getInfo<{ operation: { operation: string } }>().operation.operation };
  }

  private fromHttp(context: ExecutionContext): { authentication: Authentication; operation: string } {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { authentication: request.authentication ?? { kind: 'anonymous' }, operation: request.method === 'GET' || request.method === 'HEAD' ? 'query' : 'mutation' };
  }
}

/** Why a request that holds no role is refused, and how to get a token (the guard and the GraphQL request gate say the same). */
export function whyUnauthenticated(authentication: Authentication): string {
  return authentication.kind === 'rejected' ? `${authentication.reason} ${HOW_TO_GET_A_TOKEN}` : `This request carries no API token. ${HOW_TO_GET_A_TOKEN}`;
}

function unauthenticated(graphql: boolean, message: string): Error {
  return graphql ? new DomainError(ErrorCode.Unauthenticated, message) : new UnauthorizedException(message);
}
