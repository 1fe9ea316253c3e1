// Keys equal values: code-first GraphQL names enum values after the keys.
export enum ImportOutcome {
  /** A new incident from a document never seen before. */
  CREATED = 'CREATED',
  /** A new revision of a postmortem imported before from the same sourceUri. */
  REVISED = 'REVISED',
  /** The same content again: nothing changed. */
  UNCHANGED = 'UNCHANGED',
}
