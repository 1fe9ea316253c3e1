import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-error';
import { IncidentEntity } from '../incidents/incident.entity';
import { MeasureLinker } from '../measures/measure-linker';
import { serviceMatchTerms } from '../services/service-match-terms';
import { ServiceEntity } from '../services/service.entity';
import { LinkStatus } from './link-status';
import { RootCauseLinkEntity } from './root-cause-link.entity';
import { RootCauseLinker } from './root-cause-linker';

export interface RecomputeResult {
  incidents: number;
  rootCauseLinks: number;
  actionItems: number;
  measures: number;
}

/** People's decisions on root-cause links, and recomputing every suggestion after the matcher or the data changed. */
@Injectable()
export class RecurrenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async decide(linkId: string, status: LinkStatus.CONFIRMED | LinkStatus.REJECTED, actor: string): Promise<RootCauseLinkEntity> {
    const repository = this.dataSource.getRepository(RootCauseLinkEntity);
    const link = await repository.findOneBy({ id: linkId });
    if (!link) throw new NotFoundError('Root-cause link', linkId);
    Object.assign(link, { status, decidedBy: actor, decidedAt: this.clock.now() });
    return repository.save(link);
  }

  /**
   * Refreshes the services' match terms, re-links every incident and re-checks the measure of every item nobody
   * placed by hand, oldest incident first. People's decisions (confirmed or rejected links, merged or split measures, chosen services) stay as they are.
   */
  recompute(): Promise<RecomputeResult> {
    return this.dataSource.transaction(async (manager) => {
      // Services saved before match terms existed (or edited by SQL) get them back here.
      for (const service of await manager.find(ServiceEntity)) {
        await manager.update(ServiceEntity, { id: service.id }, { matchTerms: serviceMatchTerms(service.name, service.aliases) });
      }
      const incidents = await manager.getRepository(IncidentEntity).createQueryBuilder('i').orderBy('COALESCE(i.started_at, i.created_at)').addOrderBy('i.id').getMany();
      const linker = new RootCauseLinker(manager);
      for (const incident of incidents) await linker.link(incident);
      const measures = new MeasureLinker(manager);
      let actionItems = 0;
      for (const incident of incidents) {
        const items = await manager.find(ActionItemEntity, { where: { incidentId: incident.id }, order: { createdAt: 'ASC', sourceLineStart: 'ASC', id: 'ASC' } });
        await measures.assign(items, { recheck: true });
        actionItems += items.length;
      }
      const [{ links, groups }]: { links: string; groups: string }[] = await manager.query(`SELECT (SELECT count(*) FROM root_cause_link WHERE status <> $1) AS links, (SELECT count(*) FROM measure) AS groups`, [LinkStatus.REJECTED]);
      return { incidents: incidents.length, rootCauseLinks: Number(links), actionItems, measures: Number(groups) };
    });
  }
}
