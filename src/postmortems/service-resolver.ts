import type { EntityManager } from 'typeorm';
import { OwnerEntity } from '../owners/owner.entity';
import type { ParsedPostmortem } from '../parser/parsed-postmortem';
import { resolveService } from '../ownership/ownership-map';
import { ServiceEntity } from '../services/service.entity';

export interface ResolvedService {
  id: string;
  teamName: string | null;
}

/** The service a postmortem is about, through the ownership map; a component nobody mapped becomes a new service. */
export class ServiceResolver {
  constructor(private readonly manager: EntityManager) {}

  async resolve(parsed: ParsedPostmortem): Promise<ResolvedService | null> {
    const services = await this.manager.find(ServiceEntity);
    const teams = new Map((await this.manager.find(OwnerEntity)).map((owner) => [owner.id, owner.name]));
    const known = resolveService([parsed.rootCause.component, parsed.rootCause.summary, parsed.title], services);
    if (known) return { id: known.id, teamName: known.owningTeamId ? (teams.get(known.owningTeamId) ?? null) : null };
    const component = parsed.rootCause.component?.trim();
    if (!component) return null;
    // Unmapped: keep the name as written, so a person can alias or merge it later.
    await this.manager.createQueryBuilder().insert().into(ServiceEntity).values({ name: component.slice(0, 200), aliases: [] }).orIgnore().execute();
    const created = await this.manager.findOneByOrFail(ServiceEntity, { name: component.slice(0, 200) });
    return { id: created.id, teamName: null };
  }
}
