import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../common/database-errors';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { paginate, type Page, type PageRequest } from '../common/pagination';
import { OwnerEntity } from '../owners/owner.entity';
import type { CreateServiceInput } from './create-service.input';
import type { UpdateServiceInput } from './update-service.input';
import { ServiceEntity } from './service.entity';

@Injectable()
export class ServiceCatalogService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: CreateServiceInput): Promise<ServiceEntity> {
    if (input.owningTeamId && !(await this.dataSource.getRepository(OwnerEntity).existsBy({ id: input.owningTeamId }))) {
      throw new NotFoundError('Owner', input.owningTeamId);
    }
    const repository = this.dataSource.getRepository(ServiceEntity);
    const aliases = [...new Set((input.aliases ?? []).map((alias) => alias.trim()).filter(Boolean))];
    try {
      return await repository.save(repository.create({ name: input.name.trim(), aliases, owningTeamId: input.owningTeamId ?? null }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A service named "${input.name.trim()}" already exists.`, { field: 'input.name' });
      throw error;
    }
  }

  async update(input: UpdateServiceInput): Promise<ServiceEntity> {
    const repository = this.dataSource.getRepository(ServiceEntity);
    const service = await repository.findOneBy({ id: input.id });
    if (!service) throw new NotFoundError('Service', input.id);
    if (input.owningTeamId && !(await this.dataSource.getRepository(OwnerEntity).existsBy({ id: input.owningTeamId }))) {
      throw new NotFoundError('Owner', input.owningTeamId);
    }
    if (input.name !== undefined) service.name = input.name.trim();
    if (input.aliases) service.aliases = [...new Set(input.aliases.map((alias) => alias.trim()).filter(Boolean))];
    if (input.owningTeamId !== undefined) service.owningTeamId = input.owningTeamId;
    try {
      return await repository.save(service);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A service named "${service.name}" already exists.`, { field: 'input.name' });
      throw error;
    }
  }

  list(page: PageRequest): Promise<Page<ServiceEntity>> {
    const query = this.dataSource.getRepository(ServiceEntity).createQueryBuilder('service');
    return paginate(query, { expression: 'service.name', direction: 'ASC', keyType: 'text', valueOf: (s: ServiceEntity) => s.name }, 'service.id', page);
  }
}
