// Kindly's lint rules, run by `npm run lint` (part of `npm test`). Formatting is Prettier's alone
// (.prettierrc.json): no rule here is about layout. Layer rules live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const typedRules = process.env.KINDLY_LINT_TYPED !== '0';

const readsEnvironment = {
  selector: "MemberExpression[object.object.name='process'][object.property.name='env']",
  message: 'Only server/config.ts reads the environment: add the setting to its schema and pass it down.',
};
const runsSql = {
  selector: "CallExpression[callee.property.name='query']",
  message: 'SQL lives in server/store/: add a function to the store module of that table and call it.',
};

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'bench-results/',
    'out/',
    'demo-out/',
    'scratch/',
    '.kindly/',
    'test/fixtures/',
    'docs/screens/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'kindly/all',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `== null` is the one loose comparison worth keeping: it means "null or undefined".
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-implicit-coercion': 'error',
      'no-throw-literal': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      // Off: `new Promise((resolve) => server.close(resolve))` is the idiom; the executor's return value is ignored.
      'no-promise-executor-return': 'off',
      // Off: Kindly strips control characters from text on purpose, and a regex is the clear way to say which.
      'no-control-regex': 'off',
      'prefer-object-has-own': 'error',
      'object-shorthand': ['error', 'always'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'kindly/node',
    files: ['server/**', 'scripts/**', 'test/**', 'bin/**', '*.{js,cjs,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'kindly/browser',
    files: ['assets/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Templates and compositions render in Chromium (Remotion) and are imported by Node (the server, tests).
    name: 'kindly/shared',
    files: ['templates/**', 'compositions/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    name: 'kindly/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    name: 'kindly/react',
    files: ['**/*.tsx'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // A warning nobody reads is no rule: `npm run lint` fails on errors only, so these are errors.
      'react-hooks/exhaustive-deps': 'error',
      'react-hooks/incompatible-library': 'error',
      'react-hooks/unsupported-syntax': 'error',
    },
  },
  {
    name: 'kindly/service',
    files: ['server/**'],
    ignores: ['server/config.ts', 'server/store/**'],
    rules: { 'no-restricted-syntax': ['error', readsEnvironment, runsSql] },
  },
  {
    name: 'kindly/store',
    files: ['server/store/**'],
    rules: { 'no-restricted-syntax': ['error', readsEnvironment] },
  },
  typedRules
    ? {
        // The type-aware rules that catch real faults: a promise nobody awaits or catches, one passed where a
        // callback's return value is ignored, an await on something that is not a promise. (Not
        // no-unnecessary-type-assertion: it asks for `parse<T>()` over `parse() as T`, a matter of taste.)
        name: 'kindly/typed',
        files: ['**/*.{ts,tsx}'],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
          '@typescript-eslint/no-floating-promises': 'error',
          '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
          '@typescript-eslint/await-thenable': 'error',
        },
      }
    : {},
  typedRules
    ? {
        // Browser code is type-checked against the DOM library by its own tsconfig.
        name: 'kindly/typed-browser',
        files: ['assets/**/*.ts'],
        languageOptions: {
          parserOptions: {
            projectService: false,
            project: './tsconfig.browser.json',
            tsconfigRootDir: import.meta.dirname,
          },
        },
      }
    : {},
);
