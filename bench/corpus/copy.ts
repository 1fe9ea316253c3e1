/** Rows held in memory and written with COPY … FROM STDIN (text format): the fastest way PostgreSQL takes bulk rows. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | boolean | Date | null | string[] | { json: unknown };

export class Table {
  readonly rows: Cell[][] = [];

  constructor(
    readonly name: string,
    readonly columns: readonly string[],
  ) {}

  add(row: Record<string, Cell>): void {
    this.rows.push(this.columns.map((column) => (column in row ? row[column] : null)));
  }
}

// COPY's text format: backslash escapes for the characters that delimit fields and rows.
function escapeText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function encode(cell: Cell): string {
  if (cell === null) return '\\N';
  if (typeof cell === 'string') return escapeText(cell);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 't' : 'f';
  if (cell instanceof Date) return cell.toISOString();
  if (Array.isArray(cell)) return escapeText(arrayLiteral(cell));
  return escapeText(JSON.stringify(cell.json));
}

function* lines(table: Table): Generator<string> {
  const chunk: string[] = [];
  for (const row of table.rows) {
    chunk.push(row.map(encode).join('\t'));
    if (chunk.length === 2000) {
      yield `${chunk.join('\n')}\n`;
      chunk.length = 0;
    }
  }
  if (chunk.length) yield `${chunk.join('\n')}\n`;
}

export async function copyTable(client: PoolClient, table: Table): Promise<void> {
  if (table.rows.length === 0) return;
  const columns = table.columns.map((column) => `"${column}"`).join(', ');
  await pipeline(Readable.from(lines(table)), client.query(copyFrom(`COPY "${table.name}" (${columns}) FROM STDIN`)));
}
