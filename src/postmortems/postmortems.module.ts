import { Module } from '@nestjs/common';
import { duePolicyProvider } from './due-policy.provider';
import { PostmortemImportService } from './postmortem-import.service';
import { PostmortemsResolver } from './postmortems.resolver';

@Module({ providers: [PostmortemImportService, PostmortemsResolver, duePolicyProvider], exports: [PostmortemImportService] })
export class PostmortemsModule {}
