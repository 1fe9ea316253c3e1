import { Module } from '@nestjs/common';
import { ActionItemController } from './action-item.controller';
import { ActionItemSourceResolver } from './action-item-source.resolver';
import { ActionItemsQueryService } from './action-items-query.service';
import { ActionItemsResolver } from './action-items.resolver';
import { ActionItemsService } from './action-items.service';

@Module({
  controllers: [ActionItemController],
  providers: [ActionItemsService, ActionItemsQueryService, ActionItemsResolver, ActionItemSourceResolver],
  exports: [ActionItemsService, ActionItemsQueryService],
})
export class ActionItemsModule {}
