import { fragmentTree } from '../../test/support/graphql-arbitraries';
import { isDashboardQuery, isDashboardRead } from './dashboard-reads';
import { threadCpuMs } from '../../test/support/thread-cpu';

describe('which GraphQL requests are dashboard reads (replica reads, the response cache)', () => {
  it.each([
    ['the list and dashboard queries', '{ actionItems(first: 5) { totalCount } rootCauses { id } reliabilityReview { week } }'],
    ['a named query with fragments and __typename', 'query Board { ...Lists __typename } fragment Lists on Query { incidents { totalCount } ... on Query { failureModes { failureMode } } }'],
    ['measures, owners and services', '{ measures { id } owners { totalCount } services { totalCount } }'],
  ])('%s: yes', (_, source) => {
    expect(isDashboardQuery(source, undefined)).toBe(true);
  });

  it.each([
    ['a mutation, even of a list field name', 'mutation { actionItems: updateActionItem(input: { id: "x", version: 1 }) { id } }'],
    ['a single-item lookup (it precedes an edit)', '{ actionItem(id: "x") { version } }'],
    ['a list next to a lookup', '{ actionItems { totalCount } incident(id: "x") { title } }'],
    ['tokens and the Jira status', '{ apiTokens { id } jiraSyncStatus { enabled } }'],
    ['a fragment that asks for a lookup', '{ ...F } fragment F on Query { actionItem(id: "x") { id } }'],
    ['a cyclic or unknown fragment', '{ ...F } fragment F on Query { ...F }'],
    ['a subscription', 'subscription { actionItems { id } }'],
    ['text that does not parse', '{ actionItems {'],
    ['no text', undefined],
  ])('%s: no', (_, source) => {
    expect(isDashboardQuery(source, undefined)).toBe(false);
  });

  it('decides for the operation named, or none when the name matches no operation', () => {
    const source = 'query Lists { rootCauses { id } } mutation Change { retryJiraSync(id: "x") { state } }';
    expect(isDashboardQuery(source, 'Lists')).toBe(true);
    expect(isDashboardQuery(source, 'Change')).toBe(false);
    expect(isDashboardQuery(source, 'Missing')).toBe(false);
    expect(isDashboardQuery(source, undefined)).toBe(false);
  });

  it('reads POST bodies, batches (every operation must qualify) and GET query strings', () => {
    const list = { query: '{ rootCauses { id } }' };
    const lookup = { query: '{ actionItem(id: "x") { id } }' };
    expect(isDashboardRead({ method: 'POST', body: list, query: {} })).toBe(true);
    expect(isDashboardRead({ method: 'POST', body: [list, list], query: {} })).toBe(true);
    expect(isDashboardRead({ method: 'POST', body: [list, lookup], query: {} })).toBe(false);
    expect(isDashboardRead({ method: 'POST', body: [], query: {} })).toBe(false);
    expect(isDashboardRead({ method: 'GET', body: undefined, query: list })).toBe(true);
    expect(isDashboardRead({ method: 'POST', body: 'not json', query: {} })).toBe(false);
  });

  it('looks at each fragment once: a tree of 2^30 paths is decided in well under 100 ms (it took hours)', () => {
    // 20 levels first: the old walk, once per path, fails there in seconds instead of hanging for hours at 30.
    for (const levels of [20, 30]) {
      for (const [leaf, expected] of [
        ['incidents { totalCount }', true],
        ['actionItem(id: "x") { id }', false],
      ] as const) {
        // The thread's CPU time, which other processes on a busy machine do not inflate (the old walk took seconds of it).
        const started = threadCpuMs();
        const answer = isDashboardQuery(fragmentTree(levels, leaf), undefined);
        expect({ levels, leaf, answer, fast: threadCpuMs() - started < 100 }).toEqual({ levels, leaf, answer: expected, fast: true });
      }
    }
  });

  it('gives up (no: the primary, no cache) past its parse and selection budgets instead of working on', () => {
    // Past 10,000 tokens graphql-js stops parsing; past 1,000 selections (root fields, spreads, inline fragments) it stops looking.
    const manyTokens = `{ incidents(first: 1) { ${'id '.repeat(10_000)}} }`; // 30 KB, within the length it parses
    const manyRootFields = `{ ${Array.from({ length: 1_001 }, (_, i) => `i${i}: incidents { totalCount }`).join(' ')} }`;
    const fewerRootFields = `{ ${Array.from({ length: 900 }, (_, i) => `i${i}: incidents { totalCount }`).join(' ')} }`;
    for (const [source, expected] of [
      [manyTokens, false],
      [manyRootFields, false],
      [fewerRootFields, true],
    ] as const) {
      const started = threadCpuMs();
      expect(isDashboardQuery(source, undefined)).toBe(expected);
      expect(threadCpuMs() - started).toBeLessThan(100);
    }
  });
});
