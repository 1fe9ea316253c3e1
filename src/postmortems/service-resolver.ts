import type { EntityManager } from 'typeorm';
import { OwnerEntity } from '../owners/owner.entity';
import type { ParsedPostmortem } from '../parser/parsed-postmortem';
import { resolveService } from '../ownership/ownership-map';
import { componentTerms } from '../recurrence/component-terms';
import { matchService } from '../recurrence/service-match';
import { wordsOf } from '../recurrence/words';
import { serviceMatchTerms } from '../services/service-match-terms';
import { ServiceEntity } from '../services/service.entity';

export interface ResolvedService {
  id: string;
  teamName: string | null;
  confidence: number;
  evidence: string;
}

// Candidates for fuzzy matching come from the GIN index on match_terms, most shared words first: the matcher
// then scores a handful of services, never the whole catalogue.
const MAX_CANDIDATES = 20;

/**
 * The service a postmortem is about: a name or alias written in it, else the closest existing service by its
 * distinguishing words ("payment gateway integration" ~ "payment processing service"), else a new service
 * named as written, so a person can alias or merge it later.
 */
export class ServiceResolver {
  constructor(private readonly manager: EntityManager) {}

  async resolve(parsed: ParsedPostmortem): Promise<ResolvedService | null> {
    const component = parsed.rootCause.component?.trim() || null;
    const texts = [component, parsed.rootCause.summary, parsed.title];
    // Only services sharing a word with the texts can be named in them: the index finds those.
    const named = await this.servicesSharingWords(texts.flatMap((text) => (text ? wordsOf(text) : [])));
    const known = resolveService(texts, named);
    if (known) return this.resolved(known, 1, `"${component ?? known.name}" names the service "${known.name}" or one of its aliases.`);
    if (!component) return null;
    const match = matchService(component, await this.candidates(component));
    if (match) return this.resolved(await this.manager.findOneByOrFail(ServiceEntity, { id: match.serviceId }), match.confidence, match.evidence);
    const name = component.slice(0, 200);
    await this.manager.createQueryBuilder().insert().into(ServiceEntity).values({ name, aliases: [], matchTerms: serviceMatchTerms(name, []) }).orIgnore().execute();
    const created = await this.manager.findOneByOrFail(ServiceEntity, { name });
    return this.resolved(created, 1, `"${component}" is the service named in the postmortem (no known service matched, so it was added).`);
  }

  /** The service a person chose for the incident. */
  async chosen(serviceId: string): Promise<ResolvedService> {
    return this.resolved(await this.manager.findOneByOrFail(ServiceEntity, { id: serviceId }), 1, 'A person chose this service.');
  }

  private servicesSharingWords(words: string[]): Promise<ServiceEntity[]> {
    const terms = [...new Set(words)];
    if (terms.length === 0) return Promise.resolve([]);
    return this.manager.createQueryBuilder(ServiceEntity, 'service').where('service.match_terms && :terms::text[]', { terms }).getMany();
  }

  private candidates(component: string): Promise<ServiceEntity[]> {
    const terms = componentTerms(component);
    if (terms.length === 0) return Promise.resolve([]);
    return this.manager
      .createQueryBuilder(ServiceEntity, 'service')
      .where('service.match_terms && :terms::text[]', { terms })
      .orderBy('cardinality(ARRAY(SELECT unnest(service.match_terms) INTERSECT SELECT unnest(:terms::text[])))', 'DESC')
      .addOrderBy('service.name')
      .limit(MAX_CANDIDATES)
      .getMany();
  }

  private async resolved(service: ServiceEntity, confidence: number, evidence: string): Promise<ResolvedService> {
    const team = service.owningTeamId ? await this.manager.findOneBy(OwnerEntity, { id: service.owningTeamId }) : null;
    return { id: service.id, teamName: team?.name ?? null, confidence, evidence };
  }
}
