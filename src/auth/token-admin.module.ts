import { Module } from '@nestjs/common';
import { ApiTokensService } from './api-tokens.service';

/** The token store without the HTTP guard, for the command line. */
@Module({ providers: [ApiTokensService], exports: [ApiTokensService] })
export class TokenAdminModule {}
