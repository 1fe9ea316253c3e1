import { getNamedType, getNullableType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** What a list without a page size is assumed to hold (an incident's items, an item's history). */
export const ASSUMED_LIST_LENGTH = 10;
const DEFAULT_PAGE_SIZE = 20;

/**
 * One point per field, with the fields under a list counted once per element: `first` elements for a
 * connection (its `nodes` and `edges` are that page), ASSUMED_LIST_LENGTH for other lists. So the cost tracks the
 * rows and loader calls a query can cause, and a page of 100 items each expanding their incident's items costs
 * what it would take to serve.
 */
const listAwareEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (getNamedType(field.type).name.endsWith('Connection')) {
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
    return 1 + childComplexity * first;
  }
  const insideConnection = type.name.endsWith('Connection');
  if (isListType(getNullableType(field.type)) && !insideConnection) return 1 + childComplexity * ASSUMED_LIST_LENGTH;
  return undefined;
};

export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [listAwareEstimator, simpleEstimator({ defaultComplexity: 1 })] });
}
