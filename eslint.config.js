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
  {
    // Vitest's node and browser-mode APIs belong to the root config files (tsconfig.tools.json): their
    // types declare `expect`'s DOM matchers unlike jest-dom's, which the app's tests use (scripts/typecheck.mjs).
    files: ['src/**', 'fixtures/**', 'stories/**', 'e2e/**', 'visual/**', 'bench/**', 'scripts/**', '.storybook/**', 'test/**', 'flake/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(vitest/(node|browser)|@vitest/browser)', message: "Its types clash with jest-dom's matchers in this program; import it from a root config file (tsconfig.tools.json), or by a specifier TypeScript does not follow (test/environment-sequencer.ts)." }] }],
    },
  },
);
