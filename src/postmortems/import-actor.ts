/** Imports act in the importer's name with this suffix, so the history tells them from people's own edits. */
export const IMPORT_ACTOR_SUFFIX = ' (import)';

export function importActor(actor: string): string {
  return `${actor}${IMPORT_ACTOR_SUFFIX}`;
}
