import { Controller, Get, Param, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../common/domain-error';
import { ActionItemsQueryService } from './action-items-query.service';

/**
 * A stable address for one item, which Jira issues link back to. It answers the item's public fields as JSON;
 * the GraphQL API has the rest (history, flags, measure, Jira state).
 */
@Controller('items')
export class ActionItemController {
  constructor(private readonly items: ActionItemsQueryService) {}

  @Get(':id')
  async show(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    if (!isUUID(id)) {
      await reply.status(400).send({ error: `"${id.slice(0, 60)}" is not an action item id (a UUID).` });
      return;
    }
    try {
      const item = await this.items.get(id);
      await reply.send({
        id: item.id,
        title: item.title,
        description: item.description,
        kind: item.kind,
        category: item.category,
        status: item.status,
        priority: item.priority,
        dueOn: item.dueOn,
        completedAt: item.completedAt,
        evidenceUrl: item.evidenceUrl,
        incidentId: item.incidentId,
        ownerId: item.ownerId,
        source: { section: item.sourceSection, lineStart: item.sourceLineStart, lineEnd: item.sourceLineEnd },
        createdAt: item.createdAt,
        updatedAt: item.updatedAt,
        version: item.version,
      });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await reply.status(404).send({ error: error.message });
    }
  }
}
