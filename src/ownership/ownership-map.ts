import { load } from 'js-yaml';

/** The largest ownership file read: about 20,000 services. */
export const MAX_OWNERSHIP_FILE_BYTES = 2 * 1024 * 1024;
/**
 * How much larger than its text a document may become with its aliases written out. Without aliases a document is
 * at most about twice its text (see expandedSize), so a few shared lists pass while alias bombs, 40 million names
 * from 356 KB, are refused after a walk bounded by this multiple of the file.
 */
const MAX_EXPANSION = 4;
const EXPANSION_ALLOWANCE = 10_000;

/** A service in the ownership map: its names and the team that owns it. */
export interface OwnershipEntry {
  name: string;
  aliases: string[];
  team: string | null;
}

const FILLER = /\b(the|our|a|an|custom|main|internal)\b/g;

function normalize(name: string): string {
  return ` ${name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').replace(FILLER, ' ').replace(/\s+/g, ' ').trim()} `;
}

/**
 * The service a postmortem names: an exact name or alias first, else the longest name or alias that appears
 * in the text as whole words ("payment gateway API" names "payment gateway"). Texts are tried in order.
 */
export function resolveService<T extends { name: string; aliases: string[] }>(texts: (string | null | undefined)[], entries: T[]): T | null {
  const names = entries.flatMap((entry) => [entry.name, ...entry.aliases].map((name) => ({ entry, key: normalize(name) }))).filter((n) => n.key.trim());
  for (const text of texts) {
    if (!text) continue;
    const key = normalize(text);
    const exact = names.find((n) => n.key === key);
    if (exact) return exact.entry;
    const contained = names.filter((n) => key.includes(n.key)).sort((a, b) => b.key.length - a.key.length)[0];
    if (contained) return contained.entry;
  }
  return null;
}

export class OwnershipFileError extends Error {}

/** Refuses a file too large to read (from its size on disk, before reading it, or from its text). */
export function checkOwnershipFileSize(bytes: number): void {
  if (bytes > MAX_OWNERSHIP_FILE_BYTES) throw new OwnershipFileError(`The ownership file is ${bytes} bytes; at most ${MAX_OWNERSHIP_FILE_BYTES} (2 MiB) are read.`);
}

/** Reads an ownership file (`services: [{ name, aliases, team }]`), saying exactly what is wrong with a bad one. */
export function parseOwnershipYaml(text: string): OwnershipEntry[] {
  checkOwnershipFileSize(Buffer.byteLength(text));
  let document: unknown;
  try {
    document = load(text);
  } catch (error) {
    throw new OwnershipFileError(`The ownership file is not valid YAML: ${(error as Error).message}`);
  }
  // js-yaml shares an aliased value rather than copying it, so parsing stays cheap; using it would not.
  if (expandedSize(document, MAX_EXPANSION * text.length + EXPANSION_ALLOWANCE) > MAX_EXPANSION * text.length + EXPANSION_ALLOWANCE) {
    throw new OwnershipFileError(`The ownership file's anchors and aliases (&name, *name) make it more than ${MAX_EXPANSION} times its size; write the services out in full.`);
  }
  const services = (document as { services?: unknown } | null)?.services;
  if (!Array.isArray(services)) throw new OwnershipFileError('The ownership file must have a "services" list.');
  return services.map((raw: unknown, i) => {
    const service = raw as { name?: unknown; aliases?: unknown; team?: unknown };
    if (typeof service?.name !== 'string' || !service.name.trim()) throw new OwnershipFileError(`services[${i}] needs a "name".`);
    if (service.aliases !== undefined && (!Array.isArray(service.aliases) || service.aliases.some((a) => typeof a !== 'string'))) {
      throw new OwnershipFileError(`services[${i}].aliases must be a list of names.`);
    }
    if (service.team !== undefined && service.team !== null && typeof service.team !== 'string') throw new OwnershipFileError(`services[${i}].team must be a team name.`);
    return { name: service.name.trim(), aliases: ((service.aliases as string[] | undefined) ?? []).map((a) => a.trim()).filter(Boolean), team: (service.team as string | undefined)?.trim() || null };
  });
}

/**
 * The size of a parsed document with every alias written out: one per value, list entry and key, plus the length
 * of every string and key. Counting stops past `limit`, so the walk costs at most that however the values are
 * shared (an alias may even contain itself).
 */
export function expandedSize(document: unknown, limit: number): number {
  let size = 0;
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const value = pending.pop();
    size += 1;
    if (typeof value === 'string') size += value.length;
    else if (Array.isArray(value)) {
      size += value.length;
      if (size > limit) return size;
      for (const item of value) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      size += keys.length;
      for (const key of keys) size += key.length;
      if (size > limit) return size;
      for (const key of keys) pending.push((value as Record<string, unknown>)[key]);
    }
    if (size > limit) return size;
  }
  return size;
}
