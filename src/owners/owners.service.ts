import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError } from '../common/domain-error';
import { paginate, type Page, type PageRequest } from '../common/pagination';
import { isUniqueViolation } from '../common/database-errors';
import type { CreateOwnerInput } from './create-owner.input';
import { OwnerEntity } from './owner.entity';

@Injectable()
export class OwnersService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: CreateOwnerInput): Promise<OwnerEntity> {
    const repository = this.dataSource.getRepository(OwnerEntity);
    try {
      return await repository.save(
        repository.create({ kind: input.kind, name: input.name.trim(), email: input.email ?? null, jiraAccountId: input.jiraAccountId ?? null }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`An owner named "${input.name.trim()}" already exists.`, { field: 'input.name' });
      throw error;
    }
  }

  list(page: PageRequest): Promise<Page<OwnerEntity>> {
    const query = this.dataSource.getRepository(OwnerEntity).createQueryBuilder('owner');
    return paginate(query, { expression: 'owner.name', direction: 'ASC', keyType: 'text', valueOf: (o: OwnerEntity) => o.name }, 'owner.id', page);
  }
}
