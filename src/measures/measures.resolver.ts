import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { ActionItemModel } from '../action-items/action-item.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { IdArgs } from '../graphql/id.args';
import { MeasureModel } from './measure.model';
import { MeasuresArgs, MergeMeasuresInput, SplitMeasureInput } from './measures.args';
import { MeasuresService } from './measures.service';

@Resolver(() => MeasureModel)
export class MeasuresResolver {
  constructor(private readonly measureService: MeasuresService) {}

  @Query(() => [MeasureModel], { description: 'Measures, most often proposed first: the same fix promised in several postmortems.' })
  measures(@Args() { filter }: MeasuresArgs): Promise<MeasureModel[]> {
    return this.measureService.list(filter ?? {});
  }

  @Query(() => MeasureModel)
  measure(@Args() { id }: IdArgs): Promise<MeasureModel> {
    return this.measureService.get(id);
  }

  @Mutation(() => MeasureModel, { description: 'Moves every occurrence of the source measure into the target; regrouping keeps the decision.' })
  mergeMeasures(@Args('input') input: MergeMeasuresInput, @Context() context: GraphQLContext): Promise<MeasureModel> {
    return this.measureService.merge(input.targetId, input.sourceId, context.actor);
  }

  @Mutation(() => MeasureModel, { description: 'Takes an action item out of its measure into a new measure of its own; regrouping keeps the decision.' })
  splitMeasure(@Args('input') input: SplitMeasureInput, @Context() context: GraphQLContext): Promise<MeasureModel> {
    return this.measureService.split(input.actionItemId, context.actor);
  }

  @ResolveField(() => [ActionItemModel], { description: 'The action items that propose it, oldest incident first.' })
  occurrences(@Parent() measure: MeasureModel): Promise<ActionItemModel[]> {
    return this.measureService.occurrencesOf(measure.id);
  }
}

@Resolver(() => ActionItemModel)
export class ActionItemMeasureResolver {
  constructor(private readonly measureService: MeasuresService) {}

  @ResolveField(() => MeasureModel, { nullable: true, description: 'The measure this item is an occurrence of: the other postmortems that promised the same, and whether any was done.' })
  measure(@Parent() item: ActionItemModel): Promise<MeasureModel> | null {
    return item.measureId ? this.measureService.get(item.measureId) : null;
  }
}
