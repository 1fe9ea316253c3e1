// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', 'pg-boss', 'fastify', 'mercurius'];
// The validation pipe is not global (it would wrap every field resolver's parameters): arguments are validated by
// the Args of src/graphql/args.ts. Later configs replace this rule's options, so each one repeats this path.
const ARGS = { name: '@nestjs/graphql', importNames: ['Args'], message: 'Use Args from src/graphql/args.ts, which validates the arguments.' };
const restrict = (patterns, message) => ({ 'no-restricted-imports': ['error', { paths: [ARGS], patterns: [{ group: patterns, message }] }] });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'eslint.config.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Architecture rules (docs in README "Architecture").
  { files: ['src/**/*.ts'], ignores: ['src/graphql/args.ts'], rules: { 'no-restricted-imports': ['error', { paths: [ARGS] }] } },
  { files: ['src/**/*.entity.ts'], rules: restrict(['@nestjs/graphql'], 'Entities are persistence only; GraphQL types live in *.model.ts.') },
  { files: ['src/**/*.model.ts'], rules: restrict(['typeorm'], 'GraphQL models must not depend on TypeORM; services return entities, resolvers are typed to models.') },
  { files: ['src/**/*.resolver.ts'], rules: restrict(['typeorm', 'pg', 'pg-boss'], 'Resolvers call services; they never touch repositories or the queue.') },
  {
    // The pure core: plain functions over plain data, testable without Nest or a database.
    files: [
      'src/parser/**',
      'src/recurrence/**',
      'src/flags/**',
      'src/common/calendar.ts',
      'src/common/domain-error.ts',
      'src/action-items/action-item-lifecycle.ts',
      'src/action-items/action-item-changes.ts',
      'src/action-items/overdue.ts',
    ],
    rules: restrict(FRAMEWORKS, 'Pure core: no framework, ORM, queue or HTTP imports.'),
  },
  // The dashboard's browser scripts: ES modules served as written, outside the TypeScript project, so linted
  // without type information and with only the browser globals they use (not Node's).
  { files: ['src/dashboard/assets/**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/dashboard/assets/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', Node: 'readonly', setTimeout: 'readonly' },
    },
  },
  { files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**'], rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-argument': 'off' } },
);
