import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getIntrospectionQuery, getNamedType, getNullableType, isListType, isObjectType, parse, type GraphQLObjectType } from 'graphql';
import { Env } from '../config/env';
import { LIST_LENGTHS } from './list-lengths';
import { queryCost } from './query-cost';

const schema = buildSchema(readFileSync(join(__dirname, '../../schema.graphql'), 'utf8'));
const costOf = (query: string, variables: Record<string, unknown> = {}) => queryCost(schema, parse(query), variables).cost;

describe('queryCost', () => {
  it('knows how long every list of objects is (outside connections, whose page is `first`), and only those', () => {
    const lists = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !type.name.endsWith('Connection'))
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ key: `${type.name}.${field.name}`, type: field.type })))
      .filter(({ type }) => isListType(getNullableType(type)) && isObjectType(getNamedType(type)))
      .map(({ key }) => key);
    expect(lists.sort()).toEqual(Object.keys(LIST_LENGTHS).sort());
  });

  it('counts a point per field per row: a page is `first` rows, a list what it holds per parent, at most what there is in all', () => {
    expect(costOf('{ incidents(first: 10) { totalCount nodes { title } } }')).toBe(1 + 1 + 1 + 10);
    expect(costOf('query($n: Int!) { actionItems(first: $n) { nodes { title history { actor } } } }', { n: 4 })).toBe(1 + 1 + 4 * (1 + 1 + 50));
    // 2,000 measures of up to 1,000 items, but there are 100,000 items in all.
    expect(costOf('{ measures { id occurrences { id } } }')).toBe(1 + 2_000 + 2_000 + 100_000);
    // Twice the same field, through a fragment or an alias, costs twice; @skip and @include are followed.
    expect(costOf('{ ...F a: incidents(first: 1) { totalCount } } fragment F on Query { incidents(first: 1) { totalCount } }')).toBe(4);
    expect(costOf('query($no: Boolean!) { incidents(first: 1) @include(if: $no) { totalCount } owners(first: 1) { totalCount } }', { no: false })).toBe(2);
  });

  it('prices what returned 11–20 MB from a large deployment at what it returns there (it cost 2,121 points before)', () => {
    // 1,500 root causes, their 20,000 incidents, those incidents' 100,000 items, two fields each.
    expect(costOf('{ rootCauses { id incidents { actionItems { title description } } } }')).toBe(1 + 1_500 + 1_500 + 20_000 + 200_000);
    expect(costOf('{ actionItems(first: 50) { nodes { title history { actor } incident { actionItems { title history { actor } } } } } }')).toBe(67_702);
  });

  it('adds what heavy fields cost beyond their answer: the review, and parsing by the document’s size', () => {
    expect(costOf('{ reliabilityReview { week } }')).toBe(5_000 + 1);
    expect(costOf('query($text: String!) { previewPostmortem(text: $text) { title } }', { text: 'x'.repeat(900_000) })).toBe(100 + 9_000 + 1);
    expect(costOf('mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome } }', { input: { text: 'é'.repeat(1_000) } })).toBe(100 + 20 + 1);
  });

  it('counts the fields that run once per request, however they are asked for', () => {
    const { repeated } = queryCost(schema, parse('{ a: reliabilityReview { week } ...R } fragment R on Query { reliabilityReview { week } b: reliabilityReview { week } }'), {});
    expect(Object.fromEntries(repeated)).toEqual({ reliabilityReview: 3 });
  });

  it('lets GraphiQL’s introspection query through: its lists count as short, the answer being bounded by the schema', () => {
    expect(costOf(getIntrospectionQuery())).toBeLessThan(new Env().GRAPHQL_MAX_COST);
  });
});
