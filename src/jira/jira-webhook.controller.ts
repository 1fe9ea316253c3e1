import { Controller, Headers, Logger, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JiraWebhookService } from './jira-webhook.service';
import { PublicRoute } from '../auth/access.decorators';

// Jira cannot send our tokens: each delivery is authenticated by its HMAC signature instead.
@PublicRoute()
@Controller('webhooks')
export class JiraWebhookController {
  private readonly log = new Logger('JiraWebhook');

  constructor(private readonly webhooks: JiraWebhookService) {}

  /**
   * Jira's issue events. 401 for a bad signature (Jira does not retry it); 503 when we cannot apply it now,
   * which Jira does retry.
   */
  @Post('jira')
  async receive(@Req() request: RawBodyRequest<FastifyRequest>, @Headers() headers: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    try {
      const answer = await this.webhooks.receive(request.rawBody, headers);
      await reply.status(answer.status).send(answer.body);
    } catch (error) {
      this.log.warn(`A Jira delivery could not be applied (Jira will retry it): ${error instanceof Error ? error.message : String(error)}`);
      await reply.status(503).send({ error: 'The delivery could not be applied now; Jira will retry it.' });
    }
  }
}
