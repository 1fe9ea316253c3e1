// With the u flag a surrogate pair reads as one code point, so \p{Cs} matches only a lone (unpaired) surrogate.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/**
 * Every string inside `value` (arrays and plain objects, as GraphQL hands arguments over) with each lone surrogate
 * replaced by U+FFFD, which is what PostgreSQL's UTF-8 would store anyway; other values are returned as they are,
 * and nothing is copied unless a string changed.
 */
export function wellFormedText<T>(value: T): T {
  return normalise(value) as T;
}

function normalise(value: unknown): unknown {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATES, '\uFFFD') : value;
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const field = normalise(value[key]);
    if (field === value[key]) continue;
    copy ??= Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>, value);
    copy[key] = field;
  }
  return copy ?? value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
