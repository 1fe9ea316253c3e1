import { Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import type { GraphQLResolveInfo } from 'graphql';
import { toConnection } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/graphql-context';
import { IdArgs } from '../graphql/id.args';
import { selectsOnly } from '../graphql/selection';
import { IncidentModel } from '../incidents/incident.model';
import { OwnerModel } from '../owners/owner.model';
import { ServiceModel } from '../services/service.model';
import { ActionItemConnection, ActionItemEventModel, ActionItemModel, ActionItemSourceModel } from './action-item.model';
import { FlagModel } from './flag.model';
import { ActionItemsArgs } from './action-items.args';
import { ActionItemsQueryService } from './action-items-query.service';
import { ActionItemsService } from './action-items.service';
import { CreateActionItemInput } from './create-action-item.input';
import { flagsFor, type FlagContext } from '../flags/action-item-flags';
import { isOverdue } from './overdue';
import { TransitionActionItemArgs } from './transition-action-item.args';
import { UpdateActionItemInput } from './update-action-item.input';

const CODE_ONLY: ReadonlySet<string> = new Set(['code', '__typename']);

@Resolver(() => ActionItemModel)
export class ActionItemsResolver {
  private readonly flagContexts = new WeakMap<GraphQLContext, FlagContext>();

  constructor(
    private readonly items: ActionItemsService,
    private readonly queries: ActionItemsQueryService,
  ) {}

  @Query(() => ActionItemModel)
  actionItem(@Args() { id }: IdArgs): Promise<ActionItemModel> {
    return this.queries.get(id);
  }

  @Query(() => ActionItemConnection)
  async actionItems(@Args() { filter, orderBy, first, after }: ActionItemsArgs): Promise<ActionItemConnection> {
    return toConnection(await this.queries.list(filter ?? {}, orderBy, { first, after }));
  }

  @Mutation(() => ActionItemModel)
  createActionItem(@Args('input') input: CreateActionItemInput, @Context() context: GraphQLContext): Promise<ActionItemModel> {
    return this.items.create(input, context.actor);
  }

  @Mutation(() => ActionItemModel, { description: 'Changes the given fields; refused with CONFLICT if `version` is not the current one.' })
  updateActionItem(@Args('input') input: UpdateActionItemInput, @Context() context: GraphQLContext): Promise<ActionItemModel> {
    return this.items.update(input, context.actor);
  }

  @Mutation(() => ActionItemModel, { description: 'Moves an item through its lifecycle; see ActionItemStatus for the allowed moves.' })
  transitionActionItem(@Args() args: TransitionActionItemArgs, @Context() context: GraphQLContext): Promise<ActionItemModel> {
    return this.items.transition(args, context.actor);
  }

  // Field resolvers take GraphQL's own arguments (parent, args, context, info) with no parameter decorators: then
  // @nestjs/graphql calls the method directly, instead of running each call, for every row of a page, through
  // its promise-based parameter pipeline (~0.6 ms of CPU for 50 items with four fields).
  @ResolveField(() => Boolean, { description: 'Not done and past its due date, by the calendar of DUE_DATE_TIME_ZONE.' })
  isOverdue(item: ActionItemModel): boolean {
    return isOverdue(item, this.queries.today());
  }

  @ResolveField(() => IncidentModel)
  async incident(item: ActionItemModel, _args: unknown, context: GraphQLContext): Promise<IncidentModel> {
    return (await context.loaders.incident.load(item.incidentId))!;
  }

  @ResolveField(() => OwnerModel, { nullable: true })
  owner(item: ActionItemModel, _args: unknown, context: GraphQLContext): Promise<OwnerModel | null> | null {
    return item.ownerId ? context.loaders.owner.load(item.ownerId) : null;
  }

  @ResolveField(() => ServiceModel, { nullable: true })
  service(item: ActionItemModel, _args: unknown, context: GraphQLContext): Promise<ServiceModel | null> | null {
    return item.serviceId ? context.loaders.service.load(item.serviceId) : null;
  }

  @ResolveField(() => ActionItemSourceModel, { nullable: true, description: 'Provenance, for items imported from a postmortem.' })
  source(item: ActionItemModel): ActionItemSourceModel | null {
    if (!item.postmortemId) return null;
    return { postmortemId: item.postmortemId, text: item.sourceText, section: item.sourceSection, lineStart: item.sourceLineStart, lineEnd: item.sourceLineEnd };
  }

  @ResolveField(() => [FlagModel], { description: 'Why this measure may be rotting: overdue, unowned, stale, promised again, recurred while open, ineffective, vague, … each with a reason and evidence.' })
  async flags(item: ActionItemModel, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo): Promise<FlagModel[]> {
    // Codes alone need one witness per rule; reasons and evidence need every fact (a measure may have thousands).
    const loader = selectsOnly(info, CODE_ONLY) ? context.loaders.flagWitnesses : context.loaders.itemRecurrence;
    return flagsFor({ ...item, lastActivityAt: item.updatedAt }, await loader.load(item.id), this.flagContextOf(context));
  }

  /** One clock reading per request: every item of a page is judged as of the same instant. */
  private flagContextOf(context: GraphQLContext): FlagContext {
    let flagContext = this.flagContexts.get(context);
    if (!flagContext) {
      flagContext = this.queries.flagContext();
      this.flagContexts.set(context, flagContext);
    }
    return flagContext;
  }

  @ResolveField(() => [ActionItemEventModel], { description: 'Every change, oldest first.' })
  history(item: ActionItemModel, _args: unknown, context: GraphQLContext): Promise<ActionItemEventModel[]> {
    return context.loaders.historyByActionItem.load(item.id);
  }
}
