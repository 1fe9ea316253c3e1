import { componentTerms } from '../recurrence/component-terms';

/** Every distinguishing word of a service's name and aliases, for the candidate lookup of fuzzy matching. */
export function serviceMatchTerms(name: string, aliases: string[]): string[] {
  return [...new Set([name, ...aliases].flatMap(componentTerms))].sort();
}
