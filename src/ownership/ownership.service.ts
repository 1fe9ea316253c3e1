import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { readFileSync, statSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { OwnerKind } from '../owners/owner-kind';
import { OwnerEntity } from '../owners/owner.entity';
import { serviceMatchTerms } from '../services/service-match-terms';
import { ServiceEntity } from '../services/service.entity';
import { checkOwnershipFileSize, parseOwnershipYaml, type OwnershipEntry } from './ownership-map';

export interface OwnershipApplied {
  services: number;
  teams: number;
}

/** Keeps the services table (names, aliases, owning teams) in step with an ownership file. */
@Injectable()
export class OwnershipService implements OnApplicationBootstrap {
  private readonly log = new Logger('Ownership');

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.OWNERSHIP_FILE) return;
    const applied = await this.applyFile(this.env.OWNERSHIP_FILE);
    this.log.log(`Applied ${this.env.OWNERSHIP_FILE}: ${applied.services} services, ${applied.teams} teams`);
  }

  async applyFile(path: string): Promise<OwnershipApplied> {
    checkOwnershipFileSize(statSync(path).size);
    return this.apply(parseOwnershipYaml(readFileSync(path, 'utf8')));
  }

  /** The file wins for owning teams; aliases are added, never removed (people may have added their own). */
  apply(entries: OwnershipEntry[]): Promise<OwnershipApplied> {
    return this.dataSource.transaction(async (manager) => {
      const teams = new Set(entries.map((entry) => entry.team).filter((team): team is string => team !== null));
      for (const team of teams) {
        await manager.createQueryBuilder().insert().into(OwnerEntity).values({ name: team, kind: OwnerKind.TEAM }).orIgnore().execute();
      }
      const teamIds = new Map((await manager.find(OwnerEntity)).map((owner) => [owner.name, owner.id]));
      for (const entry of entries) {
        const owningTeamId = entry.team ? teamIds.get(entry.team)! : null;
        const existing = await manager.findOneBy(ServiceEntity, { name: entry.name });
        if (existing) {
          const aliases = [...new Set([...existing.aliases, ...entry.aliases])];
          await manager.update(ServiceEntity, { id: existing.id }, { aliases, matchTerms: serviceMatchTerms(existing.name, aliases), owningTeamId: owningTeamId ?? existing.owningTeamId });
        } else {
          await manager.insert(ServiceEntity, { name: entry.name, aliases: entry.aliases, matchTerms: serviceMatchTerms(entry.name, entry.aliases), owningTeamId });
        }
      }
      return { services: entries.length, teams: teams.size };
    });
  }
}
