import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** The area folders of the server (src/areas.ts lists them); core/ sits below every one of them. */
const SERVER_AREAS = [
  'auth', 'org', 'policy', 'audit', 'people', 'monitoring', 'visits', 'testing', 'supplies', 'incidents', 'notifications', 'overview',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/results/**', '**/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    // Cycles are ours to avoid; the packages we depend on are not parsed.
    settings: { 'import-x/ignore': ['node_modules'] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // Gates between the layers (issue 16): each says which way the imports may go, so that a
  // shortcut across a layer fails the lint instead of growing quietly.
  {
    // The web talks to the server over HTTP only: importing its code would pull Node, the
    // database driver and secrets' handling into the browser bundle.
    files: ['packages/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['@fangkong/server', '@fangkong/server/*', '**/packages/server/**', '**/server/src/**'],
          caseSensitive: true,
          message: 'The web reaches the server through the HTTP API only (packages/web/src/api).',
        }],
      }],
    },
  },
  {
    // The domain is pure rules, shared by the server and the browser: no Node module, no
    // database, no HTTP, no files. What it needs today (zod; vitest and fast-check in tests) is pure.
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinModules.map((name) => ({ name, message: 'The domain does no I/O: Node modules belong in the server.' })),
        patterns: [
          { group: ['node:*'], message: 'The domain does no I/O: Node modules belong in the server.' },
          {
            group: ['pg', 'pg/*', '@electric-sql/pglite', '@electric-sql/pglite/*', 'drizzle-orm', 'drizzle-orm/*', 'drizzle-kit',
              'fastify', 'fastify/*', 'fastify-*', '@fastify/*', 'exceljs', 'nodemailer', '@fangkong/server', '@fangkong/server/*',
              '@fangkong/web', '@fangkong/web/*'],
            message: 'The domain does no I/O: databases, HTTP and files belong in the server.',
          },
        ],
      }],
    },
  },
  {
    // Routes parse, call a service and answer: what they read or write goes through the service,
    // in its transaction and under its scope checks, never straight to the tables.
    files: ['packages/server/src/**/routes.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/db/*', '**/schema.js', '**/repository.js', 'drizzle-orm', 'drizzle-orm/*'],
          message: 'Routes reach the database through their area\'s service only.',
        }],
      }],
    },
  },
  {
    // core/ is what every area builds on; it may name an area's types (a service in Deps) but
    // not run its code, or core and the areas would import each other.
    // http/ (the app, its hooks and error answers) likewise: it reaches the areas through the list in areas.ts only.
    files: ['packages/server/src/core/**/*.ts', 'packages/server/src/http/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          group: SERVER_AREAS.map((area) => `../${area}/*`),
          allowTypeImports: true,
          message: 'core/ and http/ stay below the areas: import their types only (`import type`); the app reaches them through src/areas.ts.',
        }],
      }],
    },
  },
  {
    // Every line counts (comments too): a file past 500 lines holds more than one idea.
    files: ['packages/**/*.{ts,tsx}'],
    ignores: [
      // Dictionaries: one long flat list of strings per language, split by feature already.
      'packages/web/src/i18n/**',
      'packages/web/src/features/*/messages.ts',
    ],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Every "now" and "today" of a rule comes from the one clock (core/clock.ts), so that the
    // demonstration clock moves rounds, due dates and deadlines together. Real time is kept on
    // purpose for security timings (auth, keys) and for the seeders, which write history.
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/core/clock.ts',
      'packages/server/src/auth/**',
      'packages/server/src/pii/**',
      'packages/server/src/demo/**',
      'packages/server/src/synthetic/**',
    ],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from the clock (deps.clock.now() / this.clock.now()), not the wall clock.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take the time from the clock (deps.clock.now() / this.clock.now()), not the wall clock.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', 'packages/server/test/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
