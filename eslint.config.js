import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import storybook from 'eslint-plugin-storybook';
import testingLibrary from 'eslint-plugin-testing-library';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'storybook-static', '.cache', 'playwright-report', 'test-results', 'blob-report', 'visual-report', 'public/mockServiceWorker.js', 'scripts/*.d.mts', '.stryker-tmp', 'reports', 'flake-report', 'flake-history', 'coverage'] },
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
  { files: ['e2e/**/*.ts'], ...playwright.configs['flat/recommended'], rules: { ...playwright.configs['flat/recommended'].rules, 'playwright/no-wait-for-timeout': 'error', 'playwright/expect-expect': ['error', { assertFunctionNames: ['signIn'] }], 'playwright/no-focused-test': 'error', 'playwright/no-skipped-test': ['error', { allowConditional: true }] } },
  { files: ['src/**/*.test.{ts,tsx}', 'test/**/*.{ts,tsx}'], ...testingLibrary.configs['flat/react'] },
  ...storybook.configs['flat/recommended'],
);
