import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type FindOptionsOrder, type ObjectLiteral } from 'typeorm';

/** Batches `id → row` look-ups of one request into a single `WHERE id IN (…)`. */
export function createByIdLoader<T extends ObjectLiteral & { id: string }>(dataSource: DataSource, entity: EntityTarget<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Batches `parent id → child rows` look-ups (e.g. the items of many incidents) into one query. */
export function createGroupedLoader<T extends ObjectLiteral, K extends keyof T & string>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  parentKey: K,
  order: FindOptionsOrder<T>,
): DataLoader<string, T[]> {
  return new DataLoader(async (parentIds) => {
    const rows = await dataSource.getRepository(entity).find({ where: { [parentKey]: In([...parentIds]) } as never, order });
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) groups.get(row[parentKey])?.push(row);
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}
