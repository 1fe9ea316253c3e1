import { checkBatch, checkQueryText, refuseJsonDocument, requireOperation } from './request-guard';

const refusal = (check: () => void) => {
  try {
    check();
    return null;
  } catch (error) {
    const { statusCode, errors } = error as { statusCode: number; errors: Error[] };
    return { statusCode, messages: errors.map((e) => e.message) };
  }
};

describe('request guard (cases the GraphQL fuzz found answered as INTERNAL_SERVER_ERROR or uncoded)', () => {
  it('refuses a query text that is JSON, which Mercurius would take for a ready-made AST', () => {
    for (const source of ['1', '{}', ' { "kind": "Document" } ', '[]', '"x"', 'false', 'null', '-1']) {
      expect(refusal(() => refuseJsonDocument(source))).toEqual({ statusCode: 400, messages: [expect.stringContaining('the query is JSON, not a GraphQL document')] });
    }
  });

  it('lets every GraphQL document through, valid or not, for graphql-js to judge', () => {
    for (const source of ['{ owners { totalCount } }', '{owners{totalCount}}', 'query { a }', '{ "a" }', '{', '', '  ', '# {}', 'fragment F on Query { a } { ...F }', 'true story']) {
      expect(refusal(() => refuseJsonDocument(source))).toBeNull();
    }
  });

  it('on GET, refuses an operationName the document does not have, or several operations without one', () => {
    const get = (source: string, operationName?: string) => refusal(() => checkQueryText(source, { reply: { request: { method: 'GET', query: { operationName } } } }));
    expect(get('{ __typename }', 'Q')).toEqual({ statusCode: 400, messages: ['Unknown operation named "Q".'] });
    expect(get('query A { __typename } query B { __typename }')).toEqual({ statusCode: 400, messages: ['Must provide operation name if query contains multiple operations.'] });
    expect([get('query A { __typename } query B { __typename }', 'B'), get('{ __typename }'), get('{ broken')]).toEqual([null, null, null]);
    expect(refusal(() => requireOperation('{ __typename }', ''))).toEqual({ statusCode: 400, messages: ['Unknown operation named "".'] });
  });

  it('refuses a batch with an element that has no query, naming it', () => {
    expect(refusal(() => checkBatch([{ query: '{ a }' }, {}, { query: '' }]))).toEqual({
      statusCode: 400,
      messages: ['Operation 1 of the batch has no query: every element of a batch needs "query", the GraphQL text.'],
    });
    expect([refusal(() => checkBatch([{ query: '{ a }' }])), refusal(() => checkBatch({})), refusal(() => checkBatch([1, null]))]).toEqual([null, null, null]);
  });
});
