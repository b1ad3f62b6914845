import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import storybook from 'eslint-plugin-storybook';
import testingLibrary from 'eslint-plugin-testing-library';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The app's folders in layers, lowest first. A folder may import its own layer and the ones below
 * it, never one above: the lint stage fails on an import that would make two folders depend on
 * each other (docs/testing.md, "Layout").
 */
const LAYERS = [
  ['api/contract', 'react'],
  ['config', 'telemetry'],
  ['api'],
  ['session', 'storage', 'streaming'],
  ['ui'],
  ['observability', 'hitl'],
  ['widgets'],
  ['pages'],
  ['app'],
];
const layerRules = LAYERS.flatMap((folders, level) => {
  const above = LAYERS.slice(level + 1)
    .flat()
    .filter((folder) => !folders.includes(folder));
  // `api` above a folder still leaves it the contract, the lowest layer.
  const names = above.map((folder) => (folder === 'api' ? 'api(?!/contract)' : folder)).join('|');
  return folders.map((folder) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    ignores: [...(folder === 'api' ? ['src/api/contract/**'] : []), 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${names})(/|$)`,
              message: `src/${folder} sits below ${above.join(', ')}: it may not import them (eslint.config.js, LAYERS).`,
            },
          ],
        },
      ],
    },
  }));
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-e2e',
      'storybook-static',
      '.cache',
      'playwright-report',
      'test-results',
      'blob-report',
      'visual-report',
      'public/mockServiceWorker.js',
      '.stryker-tmp',
      'reports',
      'flake-report',
      'flake-history',
      'coverage',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-invalid-void-type': 'off',
    },
  },
  { files: ['src/**/*.tsx', 'stories/**/*.tsx'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  {
    files: ['e2e/**/*.ts', 'flake/test-data/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-wait-for-timeout': 'error',
      'playwright/expect-expect': ['error', { assertFunctionNames: ['signIn'] }],
      'playwright/no-focused-test': 'error',
      'playwright/no-skipped-test': ['error', { allowConditional: true }],
    },
  },
  // The flake tools' fixture suites fail on purpose, on a condition the proving test sets.
  { files: ['flake/test-data/**/*.ts'], rules: { 'playwright/no-conditional-in-test': 'off' } },
  { files: ['src/**/*.test.{ts,tsx}', 'test/**/*.{ts,tsx}'], ...testingLibrary.configs['flat/react'] },
  ...storybook.configs['flat/recommended'],
  ...layerRules,
);
