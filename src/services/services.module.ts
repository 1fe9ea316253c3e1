import { Module } from '@nestjs/common';
import { ServiceCatalogService } from './service-catalog.service';
import { ServicesResolver } from './services.resolver';

@Module({ providers: [ServiceCatalogService, ServicesResolver], exports: [ServiceCatalogService] })
export class ServicesModule {}
