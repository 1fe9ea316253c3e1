import type { FastifyRequest } from 'fastify';
import { getOperationAST, Kind, OperationTypeNode, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The dashboard reads: the lists, aggregates and the weekly review that dashboards poll. They may read from a
 * read replica (DATABASE_REPLICA_URLS; an answer as old as the replica's lag, usually under a second, is fine)
 * and be answered from the response cache (which checks that no data changed since).
 * Everything else reads the primary: mutations and what they return, and the single-item lookups
 * (`actionItem`, `incident`, `measure`, `rootCause`) a client opens right before editing, whose `version` must
 * be current or the edit bounces with CONFLICT; tokens and the Jira sync status too.
 */
export const DASHBOARD_READ_FIELDS: ReadonlySet<string> = new Set([
  'actionItems',
  'incidents',
  'owners',
  'services',
  'measures',
  'rootCauses',
  'failureModes',
  'reliabilityReview',
  // Answered from the schema, without the database.
  '__typename',
  '__schema',
  '__type',
]);

// Dashboards send the same few documents over and over; a bounded memo spares parsing them twice per request.
const MEMO_LIMIT = 500;
// A document this long, of more tokens, or of more selections (root fields, fragment spreads and inline fragments,
// each fragment counted once) is no dashboard's: not worth the work to find out. The dashboard's review query has
// about 150 tokens and a handful of selections. Each runs before any limit of the GraphQL server itself, on every
// request (without a token too, with AUTH_ANONYMOUS_ROLE=viewer), so the work is bounded by these.
const MAX_SOURCE = 64 * 1024;
const MAX_TOKENS = 10_000;
const MAX_SELECTIONS = 1_000;
const memo = new Map<string, boolean>();

/** Whether the operation (the one named, or the only one) is a query that asks only for dashboard-read fields. */
export function isDashboardQuery(source: unknown, operationName: unknown): boolean {
  if (typeof source !== 'string' || source.length > MAX_SOURCE) return false;
  const name = typeof operationName === 'string' ? operationName : undefined;
  const key = `${name ?? ''}\u0000${source}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const answer = decide(source, name);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, answer);
  return answer;
}

function decide(source: string, operationName: string | undefined): boolean {
  let document: DocumentNode;
  try {
    document = parse(source, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch {
    return false; // Mercurius answers the syntax error (or the stack ran out on a deep nest)
  }
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return onlyDashboardFields(operation.selectionSet, fragments);
}

/**
 * The root fields, through fragments; @skip and @include are ignored, so a field that may be asked for counts.
 * Each fragment is decided once and its answer reused wherever it is spread again: following every spread anew
 * walked `fragment Fk { ...F(k-1) ...F(k-1) }` once per path, 2^k times (issue 22).
 */
function onlyDashboardFields(root: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): boolean {
  const decided = new Map<string, boolean>();
  const deciding = new Set<string>();
  let budget = MAX_SELECTIONS;
  const walk = (selections: SelectionSetNode): boolean =>
    selections.selections.every((selection) => {
      if (--budget < 0) return false;
      if (selection.kind === Kind.FIELD) return DASHBOARD_READ_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      const name = selection.name.value;
      const known = decided.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment || deciding.has(name)) return false; // unknown or cyclic: validation refuses it anyway
      deciding.add(name);
      const answer = walk(fragment.selectionSet);
      deciding.delete(name);
      decided.set(name, answer);
      return answer;
    });
  return walk(root);
}

/** A GraphQL request (a batch: every operation of it) that is a dashboard read. */
export function isDashboardRead(request: Pick<FastifyRequest, 'method' | 'body' | 'query'>): boolean {
  const payload = request.method === 'GET' ? request.query : request.body;
  const operations: unknown[] = Array.isArray(payload) ? payload : [payload];
  return (
    operations.length > 0 &&
    operations.every((operation) => {
      if (typeof operation !== 'object' || operation === null) return false;
      const { query, operationName } = operation as { query?: unknown; operationName?: unknown };
      return isDashboardQuery(query, operationName);
    })
  );
}
