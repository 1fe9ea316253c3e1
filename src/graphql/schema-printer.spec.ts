import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { printApiSchema } from './schema-printer';

describe('schema.graphql', () => {
  it('is what the code generates (run `npm run schema:print` after changing the API)', async () => {
    const committed = readFileSync(join(projectRoot(), 'schema.graphql'), 'utf8');
    expect(await printApiSchema()).toBe(committed);
  });
});
