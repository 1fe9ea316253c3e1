import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Env } from '../config/env';
import { IncidentEntity } from '../incidents/incident.entity';
import type { Severity } from '../incidents/severity';
import { parsePostmortem } from '../parser/parse-postmortem';
import type { ParsedPostmortem, ParseWarning } from '../parser/parsed-postmortem';
import { detectFormat } from '../parser/source-text';
import { checkDocumentText } from './document-check';
import type { DuePolicy } from './due-policy';
import { DUE_POLICY } from './due-policy.provider';
import { importActor } from './import-actor';
import { ImportOutcome } from './import-outcome';
import { ImportedItemsWriter, type ItemChanges } from './imported-items.writer';
import { PostmortemFormat } from './postmortem-format';
import { PostmortemEntity } from './postmortem.entity';
import { ServiceResolver } from './service-resolver';

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
  ) {}

  preview(text: string): ParsedPostmortem {
    this.check(text);
    return parsePostmortem(text);
  }

  async import(request: ImportRequest, actor: string): Promise<ImportResult> {
    this.check(request.text);
    const sha256 = createHash('sha256').update(request.text).digest('hex');
    const sourceUri = request.sourceUri?.trim() || null;
    return this.dataSource.transaction(async (manager) => {
      // Two imports of one document at once queue here, so the second finds the first's work.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sourceUri ?? sha256]);
      const same = await manager.findOne(PostmortemEntity, { where: { sha256 }, order: { importedAt: 'DESC' } });
      if (same) return this.unchanged(manager, same);

      const parsed = parsePostmortem(request.text);
      const previous = sourceUri ? await manager.findOne(PostmortemEntity, { where: { sourceUri }, order: { revision: 'DESC' } }) : null;
      const now = this.clock.now();
      const service = await new ServiceResolver(manager).resolve(parsed);
      const incident = await this.saveIncident(manager, parsed, service?.id ?? null, previous?.incidentId ?? null, sourceUri);
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
      return { outcome: previous ? ImportOutcome.REVISED : ImportOutcome.CREATED, incident, postmortem, actionItems: await itemsOf(manager, incident.id), warnings: parsed.warnings, changes };
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

  private async saveIncident(manager: EntityManager, parsed: ParsedPostmortem, serviceId: string | null, existingId: string | null, sourceUri: string | null) {
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
      serviceId,
      updatedAt: this.clock.now(),
    };
    if (existingId) {
      await manager.update(IncidentEntity, { id: existingId }, fields);
      return manager.findOneByOrFail(IncidentEntity, { id: existingId });
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
