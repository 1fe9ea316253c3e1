import { Role } from '../auth/role';
import { withoutSuggestions } from './error-formatter';
import { refusalOfMediaType, refusalWithoutRole, type RequestRefusal } from './request-gate';
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

describe('request gate (issue 22)', () => {
  it('reads only GraphQL’s media types: JSON and the GraphQL text, with any parameters and in any case', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/graphql', ' application/graphql ;charset=utf-8']) {
      expect(refusalOfMediaType(type)).toBeUndefined();
    }
    for (const [type, sent] of [
      ['application/x-www-form-urlencoded', 'Content-Type "application/x-www-form-urlencoded"'],
      ['multipart/form-data; boundary=x', 'Content-Type "multipart/form-data"'],
      ['text/plain;charset=UTF-8', 'Content-Type "text/plain"'],
      ['application/jsonp', 'Content-Type "application/jsonp"'],
      ['', 'no Content-Type'],
      [undefined, 'no Content-Type'],
    ] as const) {
      const refusal = refusalOfMediaType(type);
      expect({ code: refusal?.code, statusCode: refusal?.statusCode, message: refusal?.message }).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', statusCode: 415, message: expect.stringMatching(new RegExp(`this request sent ${sent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`)) });
    }
  });

  it('refuses a request that holds no role; a token that could not be checked fails with its error; before authentication the guard decides', () => {
    const summary = (refusal: unknown) => {
      const { code, statusCode, message } = refusal as RequestRefusal;
      return { code, statusCode, message };
    };
    const viewer = { kind: 'token', principal: { tokenId: 't', name: 'grafana', role: Role.VIEWER } } as const;
    expect([refusalWithoutRole(viewer, 'none'), refusalWithoutRole({ kind: 'anonymous' }, 'viewer'), refusalWithoutRole(undefined, 'none')]).toEqual([undefined, undefined, undefined]);
    const down = new Error('connection refused');
    expect(refusalWithoutRole({ kind: 'failed', error: down }, 'none')).toBe(down);
    expect(summary(refusalWithoutRole({ kind: 'anonymous' }, 'none'))).toEqual({ code: 'UNAUTHENTICATED', statusCode: 401, message: expect.stringMatching(/^This request carries no API token\. Send "Authorization: Bearer <token>"/) });
    // An unknown or revoked token is refused even where anonymous requests may read.
    expect(summary(refusalWithoutRole({ kind: 'rejected', reason: 'The API token "old" was revoked.' }, 'viewer'))).toEqual({
      code: 'UNAUTHENTICATED',
      statusCode: 401,
      message: expect.stringMatching(/^The API token "old" was revoked\. Send "Authorization: Bearer <token>"/),
    });
  });

  it('drops graphql-js’s suggestions from a message, whatever they suggest, and nothing else', () => {
    expect(withoutSuggestions('Cannot query field "incidnts" on type "Query". Did you mean "incidents" or "incident"?')).toBe('Cannot query field "incidnts" on type "Query".');
    expect(withoutSuggestions('Value "SEV11" does not exist in "Severity" enum. Did you mean the enum value "SEV1", "SEV2", "SEV3", or "SEV4"?')).toBe('Value "SEV11" does not exist in "Severity" enum.');
    expect(withoutSuggestions('Cannot query field "x" on type "Node". Did you mean to use an inline fragment on "Owner"?')).toBe('Cannot query field "x" on type "Node".');
    expect(withoutSuggestions('Unknown argument "frist" on field "Query.incidents". Did you mean "first"?')).toBe('Unknown argument "frist" on field "Query.incidents".');
    expect(withoutSuggestions('Variable "$x" got invalid value "Did you mean?"; Expected type "Int".')).toBe('Variable "$x" got invalid value "Did you mean?"; Expected type "Int".');
  });
});
