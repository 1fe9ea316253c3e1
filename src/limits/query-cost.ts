import {
  getArgumentValues, getDirectiveValues, getNamedType, getNullableType, getVariableValues, GraphQLError, GraphQLIncludeDirective, GraphQLSkipDirective, isListType, isObjectType, Kind,
  SchemaMetaFieldDef, TypeMetaFieldDef, type DocumentNode, type GraphQLField, type FragmentDefinitionNode, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import { LIST_LENGTHS } from './list-lengths';

/**
 * Most selections (fields, fragment spreads, inline fragments) a document may hold once every fragment is expanded
 * where it is spread. The request guard refuses a larger one before validation (src/graphql/selection-count.ts
 * counts in time linear in the document); the cost walk, which visits each spread anew, stops here too.
 */
export const MAX_EXPANDED_SELECTIONS = 10_000;
const DEFAULT_PAGE_SIZE = 20;
/** Introspection answers are bounded by the schema, whatever the shape: its lists count as short. */
const INTROSPECTION_LIST_LENGTH = 10;
/** A list missing from LIST_LENGTHS (src/limits/query-cost.spec.ts keeps this from happening) counts as a long one. */
const UNKNOWN_LIST_LENGTH = 1_000;

/**
 * Fields whose work does not show in what they return: their own cost, instead of 1. The review reads every item
 * and its history; parsing a postmortem takes time in its length (a point per 100 bytes: a 1 MB document costs
 * about what the review does).
 */
const FIELD_COSTS: Readonly<Record<string, (args: Record<string, unknown>) => number>> = {
  'Query.reliabilityReview': () => 5_000,
  'Query.previewPostmortem': (args) => 100 + textCost(args.text),
  'Mutation.importPostmortem': (args) => 100 + textCost((args.input as { text?: unknown } | undefined)?.text),
};

/** Fields that run at most once per request (an operation, or all the operations of a batch), however asked: by alias, fragment or batch. */
const ONCE_PER_REQUEST: readonly string[] = ['Query.reliabilityReview', 'Query.previewPostmortem'];

function textCost(text: unknown): number {
  return typeof text === 'string' ? Math.ceil(Buffer.byteLength(text, 'utf8') / 100) : 0;
}

export interface QueryCost {
  /** Every field counted once per row it is resolved for, heavy fields at their FIELD_COSTS. */
  cost: number;
  /** How many times each ONCE_PER_REQUEST field is asked for (by alias or fragment), by field name. */
  repeated: Map<string, number>;
}

/**
 * What an operation (or, without a name, every operation of the document) costs: a point per field per row it is
 * resolved for. A connection's page has `first` rows; another list has LIST_LENGTHS rows per parent, and at most
 * its rows in all of the reference deployment (`measures { occurrences }` cannot hold more items than there are).
 * So the cost tracks the rows, loader calls and answer size a query can cause. Throws graphql-js's error for
 * variables that do not fit their types.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || definition.name?.value === operationName)) operations.push(definition);
  }
  const repeated = new Map<string, number>();
  let cost = 0;
  for (const operation of operations) {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) throw coerced.errors[0];
    const root = schema.getRootType(operation.operation);
    if (root) cost += new CostWalk(schema, fragments, coerced.coerced, repeated).selections(operation.selectionSet, root, 1);
  }
  return { cost, repeated };
}

class CostWalk {
  private nodes = 0;
  private readonly spreading = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly repeated: Map<string, number>,
  ) {}

  /** The cost of a selection set resolved for `rows` objects of `type`; `page` is the page size inside a connection. */
  selections(set: SelectionSetNode, type: GraphQLObjectType, rows: number, page?: number): number {
    let cost = 0;
    for (const selection of set.selections) {
      if (++this.nodes > MAX_EXPANDED_SELECTIONS) throw new GraphQLError('Query exceeds the maximum allowed number of nodes.');
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        cost += this.field(selection, type, rows, page);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? this.fragments.get(selection.name.value) : selection;
        const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null;
        // A cycle or an unknown fragment: validation refuses the document.
        if (!fragment || (name && this.spreading.has(name))) continue;
        const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : type;
        if (!isObjectType(condition)) continue;
        if (name) this.spreading.add(name);
        cost += this.selections(fragment.selectionSet, condition, rows, page);
        if (name) this.spreading.delete(name);
      }
    }
    return cost;
  }

  private field(node: Extract<SelectionNode, { kind: Kind.FIELD }>, parent: GraphQLObjectType, rows: number, page?: number): number {
    const definition = fieldOf(parent, node.name.value, this.schema);
    if (!definition) return rows; // __typename, or a field validation refuses
    const key = `${parent.name}.${definition.name}`;
    if (ONCE_PER_REQUEST.includes(key)) this.repeated.set(definition.name, (this.repeated.get(definition.name) ?? 0) + 1);
    const args = getArgumentValues(definition, node, this.variables);
    const own = rows * (FIELD_COSTS[key]?.(args) ?? 1);
    const child = getNamedType(definition.type);
    if (!node.selectionSet || !isObjectType(child)) return own;
    if (child.name.endsWith('Connection')) {
      const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
      return own + this.selections(node.selectionSet, child, rows, first);
    }
    let childRows = rows;
    if (isListType(getNullableType(definition.type))) {
      if (page !== undefined) childRows = rows * page; // a connection's edges or nodes
      else if (parent.name.startsWith('__')) childRows = rows * INTROSPECTION_LIST_LENGTH;
      else childRows = Math.min(rows * (LIST_LENGTHS[key]?.perParent ?? UNKNOWN_LIST_LENGTH), LIST_LENGTHS[key]?.inAll ?? Infinity);
    }
    return own + this.selections(node.selectionSet, child, childRows);
  }

  private included(selection: SelectionNode): boolean {
    const skip = getDirectiveValues(GraphQLSkipDirective, selection, this.variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, selection, this.variables);
    return include?.if !== false;
  }
}

function fieldOf(parent: GraphQLObjectType, name: string, schema: GraphQLSchema): GraphQLField<unknown, unknown> | undefined {
  if (parent === schema.getQueryType() && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (parent === schema.getQueryType() && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  return parent.getFields()[name];
}
