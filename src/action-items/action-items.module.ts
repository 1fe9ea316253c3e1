import { Module } from '@nestjs/common';
import { ActionItemSourceResolver } from './action-item-source.resolver';
import { ActionItemsQueryService } from './action-items-query.service';
import { ActionItemsResolver } from './action-items.resolver';
import { ActionItemsService } from './action-items.service';

@Module({
  providers: [ActionItemsService, ActionItemsQueryService, ActionItemsResolver, ActionItemSourceResolver],
  exports: [ActionItemsService, ActionItemsQueryService],
})
export class ActionItemsModule {}
