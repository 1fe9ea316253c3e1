import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DashboardAssets, type DashboardAsset } from './dashboard-assets';
import { PublicRoute } from '../auth/access.decorators';

/**
 * Same-origin only: the page works offline (no CDN, no web fonts) and a stray inline script or a request to
 * another host is refused by the browser instead of passing unnoticed.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The weekly reliability dashboard: a static page whose script reads `reliabilityReview` from /graphql. */
// The page and its scripts hold no data; the page asks for a token and sends it to /graphql.
@PublicRoute()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  page(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.send(reply, this.assets.get('index.html'), ifNoneMatch);
  }

  @Get(':file')
  asset(@Param('file') file: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    // index.html is the page itself; serving it under a second name would only make two addresses for it.
    return this.send(reply, file === 'index.html' ? undefined : this.assets.get(file), ifNoneMatch);
  }

  private async send(reply: FastifyReply, asset: DashboardAsset | undefined, ifNoneMatch: string | undefined): Promise<void> {
    if (!asset) {
      await reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      return;
    }
    // no-cache: revalidate every time (cheap with the ETag), so a new release is never hidden behind an old script.
    void reply
      .header('cache-control', 'no-cache')
      .header('etag', asset.etag)
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    if (ifNoneMatch === asset.etag) {
      await reply.status(304).send();
      return;
    }
    await reply.type(asset.contentType).send(asset.body);
  }
}
