import { LRUCache } from 'lru-cache';

/** What an answer was computed from: the data version read before it, and when (instant and due-date day). */
export interface AnswerBasis {
  /** `data_version`: moves on with every committed change to a table an answer can show. */
  version: string;
  /** Milliseconds since the epoch, from the injected clock. */
  at: number;
  /** The calendar day in DUE_DATE_TIME_ZONE: OVERDUE, DUE_SOON and the current review week change with it. */
  day: string;
}

interface Entry {
  body: string;
  basis: AnswerBasis;
}

/**
 * GraphQL answers to dashboard reads, by request. An answer is served again only while it is exact: the data
 * version is the one it was computed from (so any committed change, through any instance, retires it at once),
 * it is the same calendar day, and it is younger than `ttlMs`, which bounds the only drift left: flags that
 * turn with the time of day rather than with data (STALE). Bounded by the bytes of the answers kept.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private newestVersion = 0n;

  constructor(
    private readonly ttlMs: number,
    maxBytes: number,
  ) {
    // UTF-16 strings: two bytes a character, plus the entry's own overhead.
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (entry, key) => 2 * (entry.body.length + key.length) + 256 });
  }

  get size(): number {
    return this.entries.size;
  }

  /** The answer stored under `key` if it still holds at `now`. */
  get(key: string, now: AnswerBasis): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (holds(entry.basis, now, this.ttlMs)) return entry.body;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, basis: AnswerBasis, body: string): void {
    // Answers from before a newer version can never be served again: free their room now.
    const version = BigInt(basis.version);
    if (version > this.newestVersion) {
      if (this.newestVersion > 0n) this.entries.clear();
      this.newestVersion = version;
    } else if (version < this.newestVersion) {
      return; // read from a replica that lags: the next request, on the newer version, could not use it
    }
    this.entries.set(key, { body, basis });
  }
}

function holds(then: AnswerBasis, now: AnswerBasis, ttlMs: number): boolean {
  return then.version === now.version && then.day === now.day && now.at >= then.at && now.at - then.at < ttlMs;
}

/** The request as the cache tells requests apart: the role that asks (roles may see different things) and the operation. */
export function responseCacheKey(role: string, operation: { query?: unknown; operationName?: unknown; variables?: unknown }): string | undefined {
  if (typeof operation.query !== 'string') return undefined;
  const name = typeof operation.operationName === 'string' ? operation.operationName : '';
  const variables = variablesText(operation.variables);
  return variables === undefined ? undefined : `${role}\u0000${name}\u0000${variables}\u0000${operation.query}`;
}

/** On GET the variables arrive as JSON text, on POST parsed; anything but an object is left for GraphQL to refuse. */
function variablesText(variables: unknown): string | undefined {
  if (typeof variables === 'string') return variables;
  if (variables === undefined || variables === null) return 'null';
  if (typeof variables !== 'object' || Array.isArray(variables)) return undefined;
  try {
    return JSON.stringify(variables);
  } catch {
    return undefined; // nested deeper than the stack allows
  }
}
