import fc from 'fast-check';
import {
  getNamedType,
  GraphQLNonNull,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLLeafType,
  type GraphQLOutputType,
} from 'graphql';

// Generators of GraphQL requests for the API fuzz (test/graphql-fuzz.e2e-spec.ts): argument values driven by
// the schema's input types (valid-shaped, boundary and wrong), selections picked from the return types, and
// the raw-HTTP abuse of the syntactic cases.

/** An enum value: printed bare in a literal, as its name in JSON variables. */
export class EnumLiteral {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

export type Value = null | boolean | number | string | EnumLiteral | Value[] | { [key: string]: Value };

/** What the seeded database holds: ids of every kind, real cursors from its pages, and postmortem texts. */
export interface Pools {
  ids: string[];
  cursors: string[];
  postmortems: string[];
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A value as a GraphQL literal; NaN and Infinity print as names, which GraphQL takes for enum values. */
export function printLiteral(value: Value): string {
  // Chains of one-element lists or one-field objects (the deep nests) iteratively, so any depth prints.
  let open = '';
  let close = '';
  while (typeof value === 'object' && value !== null && !(value instanceof EnumLiteral)) {
    if (Array.isArray(value) && value.length === 1) {
      open += '[';
      close = `]${close}`;
      value = value[0];
      continue;
    }
    const keys = Array.isArray(value) ? [] : Object.keys(value);
    if (keys.length !== 1 || !NAME.test(keys[0])) break;
    open += `{${keys[0]}: `;
    close = `}${close}`;
    value = (value as Record<string, Value>)[keys[0]];
  }
  return open + printOne(value) + close;
}

function printOne(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof EnumLiteral) return value.name;
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    // Keys that are no GraphQL name become one: a syntax error here would hide the value from every later check.
    return `{${Object.entries(value)
      .map(([key, field]) => `${NAME.test(key) ? key : `_${key.replace(/[^_0-9A-Za-z]/g, '_')}`}: ${printLiteral(field)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

// Strings shared by reference so that a 10^6-character value costs nothing to generate or shrink.
export const HUGE_ASCII = 'x'.repeat(1_000_000);
const HUGE_UNICODE = 'ü€𝄞'.repeat(60_000);
const HUGE_LINES = 'Add an alert on heap growth\n'.repeat(20_000);

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const MALFORMED_IDS = ['', ' ', '0', '-1', 'null', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '123e4567-e89b-12d3-a456-42661417400', '123e4567-e89b-12d3-a456-4266141740000', '{123e4567-e89b-12d3-a456-426614174000}', 'g23e4567-e89b-12d3-a456-426614174000', '123e4567e89b12d3a456426614174000', "1' OR '1'='1", '\u0000'];
const ODD_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f\u007f',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  '\u202eevil',
  '\u200b',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉👩‍👩‍👧',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '$x',
  "'; DROP TABLE action_item; --",
  '%',
  '_',
  '\\',
  '%_\\%',
  '\\u0000',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
];

const stringUnits = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  // Any UTF-16 code unit: control characters, NUL and lone surrogates included.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 20 }),
);

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 4, arbitrary: stringUnits },
  { weight: 1, arbitrary: fc.constantFrom(HUGE_ASCII, HUGE_UNICODE, HUGE_LINES, 'x'.repeat(201), 'x'.repeat(301), 'x'.repeat(2049), ' '.repeat(500)) },
);

const cursorValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', 'zzz', '2024-07-01', '2024-13-45', '2024-07-01T12:00:00.000Z', '0000-01-01', 'P1', '\u0000', 'infinity', 'NaN', true, [], {}, 1e308, -1, 0, 2 ** 53),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
);
const cursorId = (pools: Pools) => fc.oneof(fc.constantFrom(...pools.ids), fc.uuid(), fc.constantFrom(...MALFORMED_IDS), fc.integer());

/** Real cursors, random base64, and base64url JSON keys of every odd shape. */
function cursor(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...pools.cursors),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
    fc.tuple(cursorValue, cursorId(pools)).map((key) => base64url(JSON.stringify(key))),
    fc.jsonValue({ maxDepth: 3 }).map((json) => base64url(JSON.stringify(json))),
    oddString,
  );
}

const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const MALFORMED_DATES = ['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-1-1', '24-07-01', '0000-01-01', '0001-01-01', '9999-12-31', '+275760-09-13', '-000001-01-01', '2024-07-01T00:00:00Z', '2024/07/01', '01.07.2024', 'today', '2024-07-01 ', ' 2024-07-01', '２０２４-07-01'];
const MALFORMED_INSTANTS = ['2024-07-01', '2024-07-01T10:00:00', '2024-07-01 10:00Z', '2024-07-01T25:00:00Z', '2024-02-30T10:00:00Z', '2024-07-01T10:00:00+99:99', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999-14:00', '1969-12-31T23:59:59.999Z', '2024-07-01T10:00:00.1234567890Z', '2024-07-01t10:00:00z', 'now', '1719835200000'];
const instant = fc
  .tuple(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('Z', '+00:00', '-07:00', '+05:30', '+1400'))
  .map(([date, zone]) => date.toISOString().replace('Z', zone === 'Z' ? 'Z' : zone));

const INTS = [0, 1, -1, 2, 19, 20, 99, 100, 101, 1000, 10_000, 10_001, 525_600, 525_601, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 1e21, 1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY];
const FLOATS = [0, -0, -0.0001, 100, 100.000001, 1e308, 5e-324, -1e308, Number.NaN];

/** Strings shaped for what a field or argument means, when its name tells. */
function hinted(hint: string, pools: Pools): fc.Arbitrary<string> | undefined {
  switch (hint) {
    case 'after':
      return cursor(pools);
    case 'week':
      return fc.oneof(
        fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 99 })).map(([year, week]) => `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`),
        fc.constantFrom('2024-W01', '2024-W26', '2024-W27', '2024-W53', '2020-W53', '2024-W00', '2024-w10', '2024-W1', '1970-W01', '0000-W01', '9999-W52'),
      );
    case 'issueKey':
      return fc.oneof(fc.constantFrom('PM-42', ' PM-1 ', 'A1_-9', 'PM-99999999999999999999', 'pm-0'), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}-\d{1,12}$/));
    case 'evidenceUrl':
    case 'sourceUri':
      return fc.oneof(fc.webUrl(), fc.constantFrom('http://localhost', 'https://x', 'javascript:alert(1)', 'ftp://host/x', 'https://' + 'a'.repeat(3000), 'file:///etc/passwd', '/runbooks/cart.md'));
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constantFrom('a@b', '@', 'x@' + 'y'.repeat(400) + '.com', 'üñî@çødé.com'));
    case 'failureMode':
    case 'category':
      return fc.constantFrom('memory-leak', 'configuration-error', 'monitoring', 'testing', 'other', 'MEMORY-LEAK', 'x'.repeat(33));
    case 'text':
      return fc.oneof(
        fc.constantFrom(...pools.postmortems),
        fc.tuple(fc.constantFrom(...pools.postmortems), fc.nat(), fc.string({ maxLength: 30 })).map(([doc, at, noise]) => doc.slice(0, at % (doc.length + 1)) + noise),
      );
    case 'jiraAccountId':
    case 'name':
    case 'title':
    case 'search':
      return fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('payments-team', 'cart', 'alice', 'heap', 'Cart outage'));
    default:
      return undefined;
  }
}

/** A JSON value of the wrong kind for whatever it is sent as: objects, deep nests, arrays, numbers, strings. */
const wrongValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Value> },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean()).map(([depth, asList]) => {
      let nested: Value = 'deep';
      for (let i = 0; i < depth; i++) nested = asList ? [nested] : { a: nested };
      return nested;
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom<Value>([], {}, [null], [[]], new Array<Value>(5_000).fill(1), true, 0, '') },
);

/** Valid-shaped and boundary values of one leaf (scalar or enum) type. */
function leafValues(named: GraphQLLeafType, hint: string, pools: Pools): { shaped: fc.Arbitrary<Value>; boundary: fc.Arbitrary<Value> } {
  if (isEnumType(named)) {
    const names = named.getValues().map((value) => value.name);
    return {
      shaped: fc.constantFrom(...names).map((name) => new EnumLiteral(name)),
      boundary: fc.oneof(
        fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/).map((name) => new EnumLiteral(name)),
        fc.constantFrom(...names).map((name) => new EnumLiteral(name.toLowerCase())),
        // The name as a string: right in JSON variables, wrong as a literal.
        fc.constantFrom(...names),
        fc.constantFrom(new EnumLiteral('true'), new EnumLiteral('null'), 'SEV0', ''),
      ),
    };
  }
  const hintedString = hinted(hint, pools);
  switch (named.name) {
    case 'ID':
      return { shaped: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.ids) }, fc.uuid()), boundary: fc.oneof(fc.constantFrom(...MALFORMED_IDS), fc.integer(), oddString, fc.uuid().map((id) => id.toUpperCase())) };
    case 'String':
      return { shaped: hintedString ?? fc.string({ maxLength: 30 }), boundary: hintedString ? fc.oneof(hintedString, oddString) : oddString };
    case 'Int':
      return { shaped: fc.integer({ min: -5, max: 120 }), boundary: fc.oneof(fc.constantFrom(...INTS), fc.integer(), fc.constantFrom('1', '0x10', '')) };
    case 'Float':
      return { shaped: fc.double({ min: -10, max: 110, noNaN: true }), boundary: fc.oneof(fc.constantFrom(...FLOATS), fc.double(), fc.constantFrom('50', '1e2')) };
    case 'Boolean':
      return { shaped: fc.boolean(), boundary: fc.constantFrom<Value>('true', 0, 1, 'false', new EnumLiteral('TRUE')) };
    case 'LocalDate':
      return { shaped: isoDate, boundary: fc.oneof(fc.constantFrom(...MALFORMED_DATES), oddString, fc.integer()) };
    case 'DateTime':
      return { shaped: instant, boundary: fc.oneof(fc.constantFrom(...MALFORMED_INSTANTS), oddString, fc.integer()) };
    default:
      // A custom scalar the fuzz does not know yet: strings of every kind still exercise it.
      return { shaped: fc.string({ maxLength: 30 }), boundary: oddString };
  }
}

const MAX_INPUT_DEPTH = 4;
type Entry = [string, Value] | null;

/** An input object from one arbitrary per field (null: leave the field out). */
function objectOf(entries: fc.Arbitrary<Entry>[]): fc.Arbitrary<Value> {
  return fc.tuple(...entries).map((picked) => Object.fromEntries(picked.filter((entry): entry is [string, Value] => entry !== null)) as Value);
}

/** What a careful client sends: valid-shaped values (some still refused, e.g. an id that does not exist), null only where allowed. */
export function validValue(type: GraphQLInputType, hint: string, pools: Pools, depth = 0): fc.Arbitrary<Value> {
  if (!isNonNullType(type)) return fc.oneof({ weight: 5, arbitrary: validValue(new GraphQLNonNull(type), hint, pools, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  const inner = type.ofType;
  if (isListType(inner)) return fc.array(validValue(inner.ofType, hint, pools, depth + 1), { maxLength: 4 });
  if (isInputObjectType(inner)) {
    return objectOf(
      Object.values(inner.getFields()).map((field) => {
        const value = validValue(field.type, field.name, pools, depth + 1).map((v): Entry => [field.name, v]);
        return isNonNullType(field.type) ? value : fc.option(value, { nil: null, freq: 2 });
      }),
    );
  }
  return leafValues(inner, hint, pools).shaped;
}

/** A value with one thing wrong or at the edge somewhere inside and the rest valid, so checks behind the first one are reached. */
export function faultyValue(type: GraphQLInputType, hint: string, pools: Pools, depth = 0): fc.Arbitrary<Value> {
  const inner = isNonNullType(type) ? type.ofType : type;
  const faults: fc.Arbitrary<Value>[] = [wrongValue];
  if (isNonNullType(type)) faults.push(fc.constant(null));
  if (isListType(inner)) {
    const item = validValue(inner.ofType, hint, pools, depth + 1);
    faults.push(
      item, // a single value where a list is expected (GraphQL coerces it)
      fc.array(item, { minLength: 20, maxLength: 60 }),
      item.map((value) => new Array<Value>(2_000).fill(value)),
      fc.array(fc.array(item, { maxLength: 2 }), { minLength: 1, maxLength: 3 }),
    );
    if (depth < MAX_INPUT_DEPTH) {
      faults.push(
        fc.tuple(fc.array(item, { maxLength: 3 }), faultyValue(inner.ofType, hint, pools, depth + 1), fc.nat()).map(([items, bad, at]) => {
          const list = [...items];
          list.splice(at % (list.length + 1), 0, bad);
          return list;
        }),
      );
    }
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const valid = (field: (typeof fields)[number]) => validValue(field.type, field.name, pools, depth + 1).map((v): Entry => [field.name, v]);
    const withAll = fields.map(valid);
    faults.push(
      fc.constant<Value>({}),
      fc.tuple(objectOf(withAll), fc.stringMatching(/^[a-z][A-Za-z]{0,10}$/), wrongValue).map(([value, key, extra]) => ({ ...(value as Record<string, Value>), [key]: extra })),
    );
    const required = fields.filter((field) => isNonNullType(field.type));
    if (required.length > 0) faults.push(fc.oneof(...required.map((missing) => objectOf(fields.map((field) => (field === missing ? fc.constant(null) : valid(field)))))));
    if (depth < MAX_INPUT_DEPTH) {
      // Mostly: every field valid but one, so each field's own checks are reached.
      const oneBadField = fields.map((bad) => objectOf(fields.map((field) => (field === bad ? faultyValue(field.type, field.name, pools, depth + 1).map((v): Entry => [field.name, v]) : valid(field)))));
      return fc.oneof({ weight: 1, arbitrary: fc.oneof(...faults) }, { weight: 4, arbitrary: fc.oneof(...oneBadField) });
    }
  } else {
    faults.push(leafValues(inner, hint, pools).boundary, leafValues(inner, hint, pools).boundary);
  }
  return fc.oneof(...faults);
}

/** Anything at all, independently at every level: several faults at once. */
export function chaoticValue(type: GraphQLInputType, hint: string, pools: Pools, depth = 0): fc.Arbitrary<Value> {
  if (depth > MAX_INPUT_DEPTH) return fc.constant(null);
  const inner = isNonNullType(type) ? type.ofType : type;
  let own: fc.Arbitrary<Value>;
  if (isListType(inner)) own = fc.array(chaoticValue(inner.ofType, hint, pools, depth + 1), { maxLength: 5 });
  else if (isInputObjectType(inner)) {
    own = objectOf(Object.values(inner.getFields()).map((field) => fc.option(chaoticValue(field.type, field.name, pools, depth + 1).map((v): Entry => [field.name, v]), { nil: null, freq: 3 })));
  } else own = fc.oneof(leafValues(inner, hint, pools).shaped, leafValues(inner, hint, pools).boundary);
  return fc.oneof({ weight: 4, arbitrary: own }, { weight: 1, arbitrary: wrongValue }, { weight: 1, arbitrary: fc.constant(null) });
}

const MAX_SELECTION_DEPTH = 3;
const selections = new Map<string, fc.Arbitrary<string>>();

/**
 * A selection set for an output type: random subsets of its fields, nested a few levels, with aliases and
 * fragments now and then; with `faults`, also unknown fields and selections on leaves. Built once per type and
 * depth: building arbitraries while generating values made generation the slowest part of the run.
 */
export function selectionOf(type: GraphQLOutputType, faults: boolean, depth = 0): fc.Arbitrary<string> {
  const named = getNamedType(type);
  if (isLeafType(named)) return faults ? fc.oneof({ weight: 20, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('{ id }') }) : fc.constant('');
  if (!isObjectType(named)) return fc.constant('{ __typename }');
  const key = `${named.name}/${faults}/${depth}`;
  const known = selections.get(key);
  if (known) return known;
  const fields = Object.values(named.getFields()).filter((field) => depth < MAX_SELECTION_DEPTH || isLeafType(getNamedType(field.type)));
  if (fields.length === 0) return fc.constant('{ __typename }');
  // Aliases named after the field, so that two fields never share one (GraphQL refuses that as a conflict).
  const perField = fields.map((field) => fc.tuple(fc.constantFrom('', '', '', `${field.name}Alias: `), selectionOf(field.type, faults, depth + 1)).map(([alias, sub]) => `${alias}${field.name} ${sub}`.trim()));
  const extras = ['', '', '', '', ' __typename', ` ... on ${named.name} { __typename }`, ' x: __typename @include(if: false)', ' __typename @skip(if: true)'];
  const selection = fc
    .tuple(
      fc.subarray([...perField.keys()], { minLength: 1, maxLength: Math.min(6, fields.length) }).chain((picked) => fc.tuple(...picked.map((index) => perField[index]))),
      fc.constantFrom(...extras, ...(faults ? [' nope', ' ...on Query { __typename }'] : [])),
    )
    .map(([parts, extra]) => `{ ${parts.join(' ')}${extra} }`);
  selections.set(key, selection);
  return selection;
}

export interface GeneratedOperation {
  query: string;
  variables: Record<string, Value>;
}

type ArgumentStyle = 'inline' | 'variable' | 'omit' | 'unset-variable' | 'mistyped-variable';
type Argument = [arg: GraphQLArgument, style: ArgumentStyle, value: Value, wrongType: string];

const WRONG_VARIABLE_TYPES = ['String', 'Int!', 'ID', '[ID!]!', 'Boolean', 'Nope', 'CreateOwnerInput'];
const argument = (arg: GraphQLArgument, styles: ArgumentStyle[], value: fc.Arbitrary<Value>) => fc.tuple(fc.constant(arg), fc.constantFrom(...styles), value, fc.constantFrom(...WRONG_VARIABLE_TYPES));
const optional = (arg: GraphQLArgument) => !isNonNullType(arg.type) || arg.defaultValue !== undefined;

/**
 * One operation on one root field, in one of three moods: all arguments valid-shaped; one argument (or one field
 * deep inside it) faulty and the rest valid; or chaos at every level. Each argument is inlined as a literal, sent
 * as a variable or left out; the selection comes from the return type.
 */
export function operationOf(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, pools: Pools): fc.Arbitrary<GeneratedOperation> {
  const validStyles = (arg: GraphQLArgument): ArgumentStyle[] => (optional(arg) ? ['inline', 'variable', 'omit'] : ['inline', 'variable']);
  const valid = field.args.map((arg) => argument(arg, validStyles(arg), validValue(arg.type, arg.name, pools)));
  // Mostly the faulty value itself, sent either way; now and then the fault is in how the argument is passed.
  const faulty = field.args.map((arg) => argument(arg, ['inline', 'inline', 'variable', 'variable', 'variable', 'mistyped-variable', 'unset-variable', 'omit'], faultyValue(arg.type, arg.name, pools)));
  const extraArgument = fc.tuple(fc.stringMatching(/^[a-z][A-Za-z]{0,8}$/), wrongValue);
  const unknownArgument = fc.tuple(fc.tuple(...valid), extraArgument); // an argument the field does not have
  const oneFault =
    field.args.length === 0
      ? unknownArgument
      : fc.oneof(
          { weight: 6, arbitrary: fc.oneof(...field.args.map((_, bad) => fc.tuple(fc.tuple(...field.args.map((__, i) => (i === bad ? faulty[i] : valid[i]))), fc.constant(null)))) },
          { weight: 1, arbitrary: unknownArgument },
        );
  const allValid = fc.tuple(fc.tuple(...valid), fc.constant(null));
  const chaos = fc.tuple(
    fc.tuple(...field.args.map((arg) => argument(arg, ['inline', 'inline', 'variable', 'variable', 'variable', 'omit', 'unset-variable', 'mistyped-variable'], chaoticValue(arg.type, arg.name, pools)))),
    sometimes(fc.tuple(fc.stringMatching(/^[a-z][A-Za-z]{0,8}$/), wrongValue), 8),
  );
  const aliasings = fc.constantFrom('', '', '', 'alias: ', 'twice');
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.tuple(allValid, selectionOf(field.type, false), aliasings) },
      { weight: 5, arbitrary: fc.tuple(oneFault, selectionOf(field.type, false), aliasings) },
      { weight: 2, arbitrary: fc.tuple(chaos, selectionOf(field.type, true), aliasings) },
    )
    .map(([[argParts, extraArg], selection, aliasing]) => {
      const definitions: string[] = [];
      const written: string[] = [];
      const variables: Record<string, Value> = {};
      for (const [arg, style, value, wrongType] of argParts as Argument[]) {
        if (style === 'omit') continue;
        if (style === 'inline') {
          written.push(`${arg.name}: ${printLiteral(value)}`);
          continue;
        }
        definitions.push(`$${arg.name}: ${style === 'mistyped-variable' ? wrongType : String(arg.type)}`);
        written.push(`${arg.name}: $${arg.name}`);
        if (style !== 'unset-variable') variables[arg.name] = value;
      }
      if (extraArg) written.push(`${extraArg[0]}: ${printLiteral(extraArg[1])}`);
      const call = `${field.name}${written.length > 0 ? `(${written.join(', ')})` : ''} ${selection}`;
      const body = aliasing === 'twice' ? `first: ${call} second: ${call}` : `${aliasing}${call}`;
      return { query: `${operation} Fuzz${definitions.length > 0 ? `(${definitions.join(', ')})` : ''} { ${body} }`, variables };
    });
}

/** Deletes, duplicates, inserts into or truncates a query. */
export function mutatedQuery(queries: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const noise = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('{', '}', '{{{{', '}}}}', '(', ')', '$', '@', '...', '"', '"""', '#', '\\', '\u0000', '\ud800', ':', '!', '[', ']', ',', '=', '&', '|'));
  const edit = fc.tuple(fc.constantFrom('delete', 'duplicate', 'insert', 'truncate', 'swap'), fc.nat(), fc.nat({ max: 40 }), noise);
  return fc.tuple(queries, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([query, edits]) =>
    edits.reduce((text, [kind, at, length, inserted]) => {
      const start = text.length === 0 ? 0 : at % text.length;
      const slice = text.slice(start, start + length);
      if (kind === 'delete') return text.slice(0, start) + text.slice(start + length);
      if (kind === 'duplicate') return text.slice(0, start) + slice + slice + text.slice(start);
      if (kind === 'insert') return text.slice(0, start) + inserted + text.slice(start);
      if (kind === 'truncate') return text.slice(0, start);
      return slice + text.slice(0, start) + text.slice(start + length);
    }, query),
  );
}

/** The value one time in `oneIn`, else null (fc.option's `freq` is the other way round: how rarely it is null). */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

const repeat = (count: number, make: (i: number) => string, separator = ' ') => Array.from({ length: count }, (_, i) => make(i)).join(separator);

/** `query { ...Fn }` where each `Fk` spreads `F(k-1)` twice: about 1 KB at 30 levels, and 2^n paths to `F0` (issue 22). */
export function fragmentTree(levels: number, leaf = '__typename'): string {
  return `query { ...F${levels} } fragment F0 on Query { ${leaf} } ${repeat(levels, (i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`)}`;
}

/** Documents that are valid syntax (mostly) but abuse the language: aliases, fields, fragments, directives, depth, operations. */
export const abusiveDocument: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 3_000 }).map((n) => `{ ${repeat(n, (i) => `a${i}: __typename`)} }`),
  fc.integer({ min: 1, max: 50 }).map((n) => `{ ${repeat(n, (i) => `s${i}: jiraSyncStatus { pending failed }`)} }`),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `{ owners { nodes { ${'id '.repeat(n)}} } }`),
  // Each level multiplies the answer by an incident's items (10 levels took 19 s before the cost limit, 12 never
  // finished); from 4 levels on, the cost limit must refuse it up front.
  fc.integer({ min: 1, max: 40 }).map((n) => `{ actionItems(first: 3) { nodes { ${'incident { actionItems { '.repeat(n)}id${' } }'.repeat(n)} } } }`),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `${'{ '.repeat(n)}__typename${' }'.repeat(n)}`),
  fc.constantFrom(
    '{ ...A } fragment A on Query { ...A }',
    '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    '{ ...A } fragment A on Query { owners { nodes { ...B } } } fragment B on Owner { ...C } fragment C on Owner { ...B }',
    '{ ...Missing }',
    '{ ...A } fragment A on Nope { id }',
    '{ ...A } fragment A on Owner { id }',
    '{ __typename } fragment Unused on Query { __typename }',
    '{ __typename @nope }',
    '{ __typename @skip }',
    '{ __typename @include(if: "yes") }',
    '{ __typename @skip(if: $undefined) }',
    '{ __typename @skip(if: true) @skip(if: false) }',
    '{ __typename @deprecated }',
    'query Q @nope { __typename }',
    'query Q($a: Int @nope) { __typename }',
    'query Q($a: Int = "x") { __typename }',
    'query Q($a: Int, $a: Int) { __typename }',
    'query Q($a: Nope) { __typename }',
    'query Q($a: ActionItem) { __typename }',
    'query Q { __typename } query Q { __typename }',
    'query { __typename } query Q { __typename }',
    '{ __typename } { __typename }',
    'subscription { __typename }',
    'mutation { actionItems { totalCount } }',
    'query { createOwner(input: { kind: TEAM, name: "x" }) { id } }',
    '{ __schema { types { name fields { name args { name type { name ofType { name ofType { name } } } } } } } }',
    '{ __type(name: "ActionItem") { fields { name } } }',
    '{ __type(name: "\\u0000") { name } }',
    'schema { query: Query }',
    'type Q { a: Int }',
    'extend type Query { a: Int }',
    '',
    ' ',
    '#',
    '{}',
    '{ }',
    'query',
    '{ actionItems(first: 5, first: 6) { totalCount } }',
    '{ owners(first: 99999999999999999999) { totalCount } }',
    '{ owners(first: 1.0) { totalCount } }',
    '{ owners(first: -0) { totalCount } }',
    '{ owners(first: 0x10) { totalCount } }',
    '{ owners(after: """\u0000""") { totalCount } }',
    '{ owners(after: "\\ud800") { totalCount } }',
    '{ owners(after: "\\u{110000}") { totalCount } }',
    '{ owners(after: "\\u{D800}") { totalCount } }',
  ),
  fc.integer({ min: 2, max: 500 }).map((n) => `{ __typename ${repeat(n, (i) => `...F${i}`)} } ${repeat(n, (i) => `fragment F${i} on Query { __typename }`)}`),
  fc.integer({ min: 2, max: 300 }).map((n) => `{ ...F0 } ${repeat(n, (i) => `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1}` : '__typename'} }`)}`),
  fc.integer({ min: 1, max: 2_000 }).map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`),
  fc.integer({ min: 1, max: 1_000 }).map((n) => `query Q(${repeat(n, (i) => `$v${i}: Int`, ', ')}) { __typename }`),
  fc.integer({ min: 1, max: 3_000 }).map((n) => `{ incidents(filter: { severity: ${'['.repeat(n)}SEV1${']'.repeat(n)} }) { totalCount } }`),
  // Issue 22: fragments that expand exponentially (30 levels held the event loop for an hour), and one field
  // repeated until graphql-js gives up comparing the repetitions ("Validation aborted.").
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('__typename', 'incidents { totalCount }', 'actionItem(id: "x") { id }', 'owners { nodes { ...F1 } }')).map(([levels, leaf]) => fragmentTree(levels, leaf)),
  fc.tuple(fc.integer({ min: 1, max: 1_500 }), fc.constantFrom('incidents { totalCount }', 'owners(first: 1) { totalCount }', '__typename')).map(([n, field]) => `{ ${repeat(n, () => field)} }`),
  fc.integer({ min: 1, max: 200 }).map((n) => repeat(n, (i) => `query Q${i} { __typename }`)),
  fc.integer({ min: 1, max: 50_000 }).map((n) => `{ owners(after: "${'\\u0041'.repeat(n)}") { totalCount } }`),
);
