import { registerEnumType } from '@nestjs/graphql';

/** What a token may do; each role includes the ones before it. */
export enum Role {
  VIEWER = 'viewer',
  EDITOR = 'editor',
  ADMIN = 'admin',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'viewer: queries; editor: also imports and item changes; admin: also tokens, services and ownership.',
  valuesMap: {
    VIEWER: { description: 'Reads everything, changes nothing.' },
    EDITOR: { description: 'Imports postmortems and changes items, measures and root-cause links.' },
    ADMIN: { description: 'Manages API tokens, the service catalogue and ownership.' },
  },
});

const RANK: Record<Role, number> = { [Role.VIEWER]: 0, [Role.EDITOR]: 1, [Role.ADMIN]: 2 };

export const ROLES = Object.values(Role);

export function roleAllows(held: Role, required: Role): boolean {
  return RANK[held] >= RANK[required];
}

export function isRole(value: string): value is Role {
  return (ROLES as string[]).includes(value);
}
