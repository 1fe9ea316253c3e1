import { Module } from '@nestjs/common';
import { ServiceCatalogService } from './service-catalog.service';
import { ServiceCurationService } from './service-curation.service';
import { ServicesResolver } from './services.resolver';

@Module({ providers: [ServiceCatalogService, ServiceCurationService, ServicesResolver], exports: [ServiceCatalogService] })
export class ServicesModule {}
