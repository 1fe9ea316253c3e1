import { Module } from '@nestjs/common';
import { ActionItemMeasureResolver, MeasuresResolver } from './measures.resolver';
import { MeasuresService } from './measures.service';

@Module({
  providers: [MeasuresService, MeasuresResolver, ActionItemMeasureResolver],
})
export class MeasuresModule {}
