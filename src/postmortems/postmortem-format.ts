// Keys equal values: code-first GraphQL names enum values after the keys.
export enum PostmortemFormat {
  MARKDOWN = 'MARKDOWN',
  TEXT = 'TEXT',
}
