import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Env } from '../config/env';
import { IncidentEntity } from '../incidents/incident.entity';
import { MeasureLinker } from '../measures/measure-linker';
import { MetricsService } from '../metrics/metrics.service';
import { PostmortemParser } from '../parse-runner/postmortem-parser';
import type { Severity } from '../incidents/severity';
import type { ParsedPostmortem, ParseWarning } from '../parser/parsed-postmortem';
import { detectFormat } from '../parser/source-text';
import { RootCauseLinker } from '../root-causes/root-cause-linker';
import { checkDocumentText } from './document-check';
import type { DuePolicy } from './due-policy';
import { DUE_POLICY } from './due-policy.provider';
import { importActor } from './import-actor';
import { ImportOutcome } from './import-outcome';
import { ImportedItemsWriter, type ItemChanges } from './imported-items.writer';
import { PostmortemFormat } from './postmortem-format';
import { PostmortemEntity } from './postmortem.entity';
import { ServiceResolver, type ResolvedService } from './service-resolver';

export interface ImportRequest {
  text: string;
  sourceUri?: string | null;
  format?: PostmortemFormat | null;
}

export interface ImportResult {
  outcome: ImportOutcome;
  incident: IncidentEntity;
  postmortem: PostmortemEntity;
  actionItems: ActionItemEntity[];
  warnings: ParseWarning[];
  changes: ItemChanges;
}

/** Turns a postmortem into an incident, its measures into owned, due-dated items: all in one transaction. */
@Injectable()
export class PostmortemImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly env: Env,
    @Inject(DUE_POLICY) private readonly policy: DuePolicy,
    private readonly metrics: MetricsService,
    private readonly parser: PostmortemParser,
  ) {}

  preview(text: string, signal?: AbortSignal): Promise<ParsedPostmortem> {
    this.check(text);
    return this.parser.parse(text, signal);
  }

  import(request: ImportRequest, actor: string): Promise<ImportResult> {
    return this.metrics.countImport(this.importOnce(request, actor));
  }

  private async importOnce(request: ImportRequest, actor: string): Promise<ImportResult> {
    this.check(request.text);
    const sha256 = createHash('sha256').update(request.text).digest('hex');
    const sourceUri = request.sourceUri?.trim() || null;
    return this.dataSource.transaction(async (manager) => {
      // Two imports of one document at once queue here, so the second finds the first's work.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sourceUri ?? sha256]);
      const same = await manager.findOne(PostmortemEntity, { where: { sha256 }, order: { importedAt: 'DESC' } });
      if (same) return this.unchanged(manager, same);

      const parsed = await this.parser.parse(request.text);
      const previous = sourceUri ? await manager.findOne(PostmortemEntity, { where: { sourceUri }, order: { revision: 'DESC' } }) : null;
      const now = this.clock.now();
      const existing = previous ? await manager.findOneByOrFail(IncidentEntity, { id: previous.incidentId }) : null;
      // A service a person chose by hand (a split) stays; otherwise the postmortem's words decide.
      const resolver = new ServiceResolver(manager);
      const service = existing?.serviceDecidedBy && existing.serviceId ? await resolver.chosen(existing.serviceId) : await resolver.resolve(parsed);
      const incident = await this.saveIncident(manager, parsed, service, existing, sourceUri);
      const postmortem = await manager.save(
        manager.create(PostmortemEntity, {
          incidentId: incident.id,
          rawText: request.text,
          format: request.format ?? (detectFormat(request.text) === 'markdown' ? PostmortemFormat.MARKDOWN : PostmortemFormat.TEXT),
          sha256,
          sourceUri,
          importedAt: now,
          revision: (previous?.revision ?? 0) + 1,
          parsed,
        }),
      );
      const writer = new ImportedItemsWriter(manager, { parsed, incident, postmortem, team: service?.teamName ?? null, policy: this.policy, actor: importActor(actor), now });
      const changes = previous ? await writer.revise() : await writer.createAll();
      await new RootCauseLinker(manager).link(incident);
      const actionItems = await itemsOf(manager, incident.id);
      await new MeasureLinker(manager).assign(actionItems);
      return { outcome: previous ? ImportOutcome.REVISED : ImportOutcome.CREATED, incident, postmortem, actionItems, warnings: parsed.warnings, changes };
    });
  }

  private check(text: string): void {
    const problem = checkDocumentText(text, this.env.IMPORT_MAX_BYTES);
    if (problem) throw new DomainError(problem.code === 'DOCUMENT_TOO_LARGE' ? ErrorCode.PayloadTooLarge : ErrorCode.BadUserInput, problem.message, { reason: problem.code, field: 'text' });
  }

  private async unchanged(manager: EntityManager, postmortem: PostmortemEntity): Promise<ImportResult> {
    const incident = await manager.findOneByOrFail(IncidentEntity, { id: postmortem.incidentId });
    const actionItems = await itemsOf(manager, incident.id);
    const warnings = (postmortem.parsed as ParsedPostmortem | null)?.warnings ?? [];
    return { outcome: ImportOutcome.UNCHANGED, incident, postmortem, actionItems, warnings, changes: { created: 0, updated: 0, removed: 0, unchanged: actionItems.length } };
  }

  private async saveIncident(manager: EntityManager, parsed: ParsedPostmortem, service: ResolvedService | null, existing: IncidentEntity | null, sourceUri: string | null) {
    const serviceFields: Partial<IncidentEntity> = existing?.serviceDecidedBy
      ? {}
      : { serviceId: service?.id ?? null, serviceConfidence: service?.confidence ?? null, serviceEvidence: service?.evidence ?? null };
    const fields: Partial<IncidentEntity> = {
      title: (parsed.title ?? titleFromUri(sourceUri) ?? 'Untitled postmortem').slice(0, 500),
      summary: parsed.summary,
      startedAt: parsed.startedAt ? new Date(parsed.startedAt) : null,
      endedAt: parsed.endedAt ? new Date(parsed.endedAt) : null,
      durationMinutes: parsed.durationMinutes,
      impactPercent: parsed.impactPercent,
      impact: parsed.impact?.slice(0, 5000) ?? null,
      severity: parsed.severity as Severity | null,
      rootCauseSummary: parsed.rootCause.summary,
      failureMode: parsed.rootCause.category,
      component: parsed.rootCause.component?.slice(0, 300) ?? null,
      resolution: parsed.resolution,
      ...serviceFields,
      updatedAt: this.clock.now(),
    };
    if (existing) {
      await manager.update(IncidentEntity, { id: existing.id }, fields);
      return manager.findOneByOrFail(IncidentEntity, { id: existing.id });
    }
    return manager.save(manager.create(IncidentEntity, { ...fields, createdAt: this.clock.now() }));
  }
}

function itemsOf(manager: EntityManager, incidentId: string): Promise<ActionItemEntity[]> {
  return manager.find(ActionItemEntity, { where: { incidentId: In([incidentId]) }, order: { createdAt: 'ASC', sourceLineStart: 'ASC' } });
}

function titleFromUri(uri: string | null): string | null {
  return uri?.split(/[\\/]/).pop()?.replace(/\.(md|markdown|txt)$/i, '') || null;
}
