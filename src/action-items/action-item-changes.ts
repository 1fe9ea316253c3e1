export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

type Value = string | number | Date | null | undefined;

function show(value: Value): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The audited differences between `before` and the fields present in `patch` (undefined means "not changed"). */
export function diffFields(before: object, patch: Record<string, Value>): FieldChange[] {
  const current = before as Record<string, Value>;
  return Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => ({ field, from: show(current[field]), to: show(value) }))
    .filter((change) => change.from !== change.to);
}
