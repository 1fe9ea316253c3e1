import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokensResolver } from './api-tokens.resolver';
import { ApiTokensService } from './api-tokens.service';
import { AuthGuard } from './auth.guard';

@Global()
@Module({
  providers: [ApiTokensService, ApiTokensResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiTokensService],
})
export class AuthModule {}
