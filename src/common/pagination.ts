import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { isCalendarDate } from './calendar';
import { BadInputError } from './domain-error';

export type SortDirection = 'ASC' | 'DESC';

export interface PageRequest {
  first: number;
  after?: string | null;
}

/** What the sort key holds, so that a cursor's key is checked before it reaches SQL. */
export type SortKeyType = 'text' | 'date' | 'instant';

export interface Sort {
  /** SQL expression of the sort key, e.g. `item.due_on`; ties are broken by `idExpression`. */
  expression: string;
  direction: SortDirection;
  keyType: SortKeyType;
  /** Reads the sort key from a loaded row, to build its cursor. */
  valueOf: (row: never) => string | Date | null;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

type CursorKey = [value: string | null, id: string];

export function encodeCursor(value: string | Date | null, id: string): string {
  const key: CursorKey = [value instanceof Date ? value.toISOString() : value, id];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

// Every id this API issues is a UUID; the sort keys are written as encodeCursor writes them.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_CHECKS: Record<SortKeyType, (value: string) => boolean> = {
  text: (value) => !value.includes('\u0000'),
  date: isCalendarDate,
  instant: (value) => ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
};
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The sort key and id in a cursor. A forged or stale cursor whose id is not a UUID, or whose key does not have
 * the sort's type (text, a date, an instant), is refused here: PostgreSQL would fail on it as an internal error.
 */
export function decodeCursor(cursor: string, keyType: SortKeyType = 'text'): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[1] === 'string' && UUID.test(key[1]) && (key[0] === null || (typeof key[0] === 'string' && KEY_CHECKS[keyType](key[0])))) {
      return key as CursorKey;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError('The `after` cursor is not one this API issued; use a cursor from pageInfo.endCursor or edges.cursor.', {
    field: 'after',
  });
}

/**
 * Keyset pagination (stable under concurrent inserts, no OFFSET scans).
 * Nulls sort last in both directions, so items without a due date come after dated ones.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  sort: Sort,
  idExpression: string,
  page: PageRequest,
): Promise<Page<T>> {
  const totalCount = await query.clone().getCount();
  const ordered = query
    .orderBy(sort.expression, sort.direction, 'NULLS LAST')
    .addOrderBy(idExpression, sort.direction)
    .take(page.first + 1);
  if (page.after) {
    const [value, id] = decodeCursor(page.after, sort.keyType);
    const beyond = sort.direction === 'ASC' ? '>' : '<';
    ordered.andWhere(
      new Brackets((where) => {
        if (value === null) {
          where.where(`${sort.expression} IS NULL AND ${idExpression} ${beyond} :cursorId`, { cursorId: id });
        } else {
          where
            .where(`${sort.expression} ${beyond} :cursorValue`, { cursorValue: value })
            .orWhere(`${sort.expression} IS NULL`)
            .orWhere(`${sort.expression} = :cursorValue AND ${idExpression} ${beyond} :cursorId`, { cursorValue: value, cursorId: id });
        }
      }),
    );
  }
  const rows = await ordered.getMany();
  const nodes = rows.slice(0, page.first);
  return {
    nodes,
    cursors: nodes.map((row) => encodeCursor(sort.valueOf(row as never), row.id)),
    totalCount,
    hasNextPage: rows.length > page.first,
    hasPreviousPage: Boolean(page.after),
  };
}
