import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { BadInputError, ConflictError, NotFoundError } from '../common/domain-error';
import { isUniqueViolation } from '../common/database-errors';
import { ApiTokenEntity } from './api-token.entity';
import type { Authentication } from './principal';
import type { Role } from './role';
import { bearerCredential, generateTokenSecret, hashTokenSecret, secretHint } from './token-secret';

/** last_used_at is a hint for people auditing tokens; writing it once a minute spares a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CreatedToken {
  token: ApiTokenEntity;
  /** The only time the secret exists outside the caller's hands. */
  secret: string;
}

@Injectable()
export class ApiTokensService {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private get tokens() {
    return this.dataSource.getRepository(ApiTokenEntity);
  }

  async create(name: string, role: Role, createdBy: string): Promise<CreatedToken> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw new BadInputError('A token name is 1 to 100 characters, e.g. "grafana" or "alice-laptop".');
    const secret = generateTokenSecret();
    try {
      const token = await this.tokens.save(
        this.tokens.create({ name: trimmed, role, secretHash: hashTokenSecret(secret), secretHint: secretHint(secret), createdBy, createdAt: this.clock.now() }),
      );
      return { token, secret };
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`An active token is already named "${trimmed}"; revoke it first or pick another name.`, { name: trimmed });
      throw error;
    }
  }

  list(includeRevoked = false): Promise<ApiTokenEntity[]> {
    return this.tokens.find({ where: includeRevoked ? {} : { revokedAt: IsNull() }, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  /** Revokes by id or by the name of an active token; revoking twice keeps the first time. */
  async revoke(idOrName: string): Promise<ApiTokenEntity> {
    const token = UUID.test(idOrName)
      ? await this.tokens.findOneBy({ id: idOrName })
      : await this.tokens.findOneBy({ name: idOrName.trim(), revokedAt: IsNull() });
    if (!token) throw new NotFoundError('API token', idOrName);
    if (!token.revokedAt) {
      token.revokedAt = this.clock.now();
      await this.tokens.update({ id: token.id }, { revokedAt: token.revokedAt });
    }
    return token;
  }

  /** Authenticates an `Authorization` header value; a present but unusable credential is rejected, never ignored. */
  async authenticate(header: string | string[] | undefined): Promise<Authentication> {
    const credential = bearerCredential(header);
    if (credential.kind === 'none') return { kind: 'anonymous' };
    if (credential.kind === 'malformed') {
      return { kind: 'rejected', reason: 'The Authorization header must be "Bearer " followed by a Followthrough API token (ft_…).' };
    }
    const token = await this.tokens.findOneBy({ secretHash: hashTokenSecret(credential.secret) });
    if (!token) return { kind: 'rejected', reason: 'The API token is not known to this server.' };
    if (token.revokedAt) return { kind: 'rejected', reason: `The API token "${token.name}" was revoked on ${token.revokedAt.toISOString()}.` };
    await this.noteUse(token.id);
    return { kind: 'token', principal: { tokenId: token.id, name: token.name, role: token.role } };
  }

  private async noteUse(tokenId: string): Promise<void> {
    const now = this.clock.now();
    const last = this.lastUsedWritten.get(tokenId);
    if (last !== undefined && Math.abs(now.getTime() - last) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(tokenId, now.getTime());
    await this.tokens.update({ id: tokenId }, { lastUsedAt: now });
  }
}
