import { load } from 'js-yaml';

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

/** Reads an ownership file (`services: [{ name, aliases, team }]`), saying exactly what is wrong with a bad one. */
export function parseOwnershipYaml(text: string): OwnershipEntry[] {
  let document: unknown;
  try {
    document = load(text);
  } catch (error) {
    throw new OwnershipFileError(`The ownership file is not valid YAML: ${(error as Error).message}`);
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
