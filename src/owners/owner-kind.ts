// Keys equal values: code-first GraphQL names enum values after the keys.
export enum OwnerKind {
  PERSON = 'PERSON',
  TEAM = 'TEAM',
}
