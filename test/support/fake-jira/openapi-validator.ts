/**
 * Checks HTTP exchanges against Atlassian's OpenAPI document, for the contract spec (test/jira-contract.spec.ts).
 * Not part of the fake (index.ts does not export it), and it needs the document, which lives outside the repo.
 *
 * OpenAPI 3.0 schemas are close enough to JSON Schema for Ajv 8: `nullable` is an Ajv keyword, `$ref`s resolve
 * within the registered document, and the vendor keywords (`x-…`, `xml`, `example`) are ignored (strict: false).
 */
import Ajv, { type ValidateFunction } from 'ajv';

export type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  schema?: Json;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export interface Exchange {
  method: string;
  /** Path with query string. */
  path: string;
  requestBody?: unknown;
  status: number;
  contentType?: string;
  responseBody?: unknown;
}

/**
 * Statuses the contract says any operation may answer (§5, §6) though most operations do not declare them;
 * their bodies are still checked as ErrorCollection.
 */
const UNDECLARED_OK = new Set([429, 500, 502, 503]);

const isUri = (value: string): boolean => {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
};

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly routes: { method: string; regex: RegExp; params: number; operation: Operation; template: string }[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    document: { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Json> } },
    /** Statuses an operation may answer beyond what it declares, keyed `METHOD template` (exemptions, with reasons, at the call site). */
    private readonly extraStatuses: Record<string, number[]> = {},
  ) {
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      logger: false,
      formats: { uri: isUri, 'date-time': true, int32: true, int64: true, uuid: true, double: true, float: true, binary: true, url: isUri },
    });
    this.ajv.addSchema({ $id: 'jira', components: document.components }, 'jira');
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
        const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${pattern}$`), params: (template.match(/\{/g) ?? []).length, operation: operation as Operation, template });
      }
    }
  }

  /** Validates `value` against a named component schema; returns the problems found. */
  checkSchema(name: string, value: unknown, where = name): string[] {
    return this.run({ $ref: `jira#/components/schemas/${name}` }, value, where);
  }

  /** All the ways an exchange departs from the document; empty when it conforms. */
  check(exchange: Exchange): string[] {
    const url = new URL(exchange.path, 'http://jira.invalid');
    // A literal path segment beats a template parameter (e.g. `/issue/createmeta` over `/issue/{issueIdOrKey}`).
    const route = this.routes.filter((r) => r.method === exchange.method && r.regex.test(url.pathname)).sort((a, b) => a.params - b.params)[0];
    if (!route) return [`${exchange.method} ${url.pathname}: no such operation in the document`];
    const where = `${route.operation.operationId} (${exchange.method} ${route.template})`;
    return [...this.checkQuery(route.operation, url, where), ...this.checkRequest(route.operation, exchange, where), ...this.checkResponse(route, exchange, where)];
  }

  private checkQuery(operation: Operation, url: URL, where: string): string[] {
    const problems: string[] = [];
    for (const name of new Set(url.searchParams.keys())) {
      const declared = operation.parameters?.find((p) => p.in === 'query' && p.name === name);
      if (!declared?.schema) {
        problems.push(`${where}: query parameter "${name}" is not declared`);
        continue;
      }
      const raw = url.searchParams.getAll(name);
      const schema = declared.schema;
      const coerce = (text: string, type: unknown): unknown =>
        type === 'integer' && /^-?\d+$/.test(text) ? Number(text) : type === 'boolean' && (text === 'true' || text === 'false') ? text === 'true' : text;
      // Jira takes arrays as repeated parameters or comma-separated lists.
      const value = schema.type === 'array' ? raw.flatMap((v) => v.split(',')).map((v) => coerce(v, (schema.items as Json | undefined)?.type)) : coerce(raw[0], schema.type);
      if (schema.type !== 'array' && raw.length > 1) problems.push(`${where}: query parameter "${name}" repeated`);
      problems.push(...this.run(schema, value, `${where} query ${name}`));
    }
    return problems;
  }

  private checkRequest(operation: Operation, exchange: Exchange, where: string): string[] {
    const schema = operation.requestBody?.content['application/json']?.schema;
    if (exchange.requestBody === undefined) return [];
    if (!schema) return [`${where}: the operation takes no JSON body`];
    return this.run(schema, exchange.requestBody, `${where} request`);
  }

  private checkResponse(route: { method: string; template: string; operation: Operation }, exchange: Exchange, where: string): string[] {
    const { status } = exchange;
    const declared = route.operation.responses[String(status)] ?? route.operation.responses.default;
    const extra = this.extraStatuses[`${route.method} ${route.template}`]?.includes(status) ?? false;
    if (!declared && !UNDECLARED_OK.has(status) && !extra) return [`${where}: status ${status} is not declared`];
    const problems: string[] = [];
    if (exchange.responseBody === undefined) return status === 204 ? [] : [`${where}: ${status} has no body`];
    if (!exchange.contentType?.startsWith('application/json')) problems.push(`${where}: ${status} Content-Type is ${exchange.contentType}`);
    const schema = declared?.content?.['application/json']?.schema;
    // An error without a declared schema is still an ErrorCollection (contract §5).
    if (status >= 400 && (!schema || Object.keys(schema).length === 0)) return [...problems, ...this.checkSchema('ErrorCollection', exchange.responseBody, `${where} ${status}`)];
    if (schema) problems.push(...this.run(schema, exchange.responseBody, `${where} ${status}`));
    return problems;
  }

  private run(schema: Json, value: unknown, where: string): string[] {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      // Inline schemas refer to `#/components/…` of the document, which is registered as `jira`.
      validate = this.ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"jira#/components/')) as Json);
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : ''}`);
  }
}
