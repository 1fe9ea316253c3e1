import { Module } from '@nestjs/common';
import { PostmortemParser } from '../parse-runner/postmortem-parser';
import { duePolicyProvider } from './due-policy.provider';
import { PostmortemImportService } from './postmortem-import.service';
import { PostmortemsResolver } from './postmortems.resolver';

@Module({ providers: [PostmortemImportService, PostmortemsResolver, PostmortemParser, duePolicyProvider], exports: [PostmortemImportService] })
export class PostmortemsModule {}
