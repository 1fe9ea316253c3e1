// Written by `npm run migration:generate` from the files in migrations/, oldest first. An explicit list (not a
// glob) so that a stale compiled file in dist/ can never run; a test checks it matches the folder.
import { Initial1795243866258 } from '../../migrations/1795243866258-Initial';

export const MIGRATIONS = [Initial1795243866258];
