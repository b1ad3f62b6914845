import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '../src/app/theme.css';
import type { Preview } from '@storybook/react-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { activateScenario, type ScenarioName } from '../fixtures/scenarios';
import { onUnhandledApiFrame } from '../fixtures/adapters/unhandled';
import { seedFactories } from '../fixtures/factories';
import { configureAuth } from '../src/api/client';
import { a11yInOtherThemes } from './other-themes-a11y';
import { THEME_MODES, THEMES } from './visual-parameters';

// Connected panels call the API as the mock reviewer; the scenario decides what the API answers.
configureAuth(
  () => 'mock.riley',
  () => undefined,
);

const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({ onUnhandledFrame: onUnhandledApiFrame, quiet: true });
      return worker;
    }),
  ],
  // Every story gets a fresh backend for its scenario (parameters.scenario, default "happy").
  beforeEach({ msw, parameters }) {
    seedFactories(1);
    const scenario = (parameters.scenario as ScenarioName | undefined) ?? 'happy';
    msw.use(...activateScenario(scenario, { streamMode: 'manual' }).handlers);
  },
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: [...THEMES], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  // test:stories renders every story once (light) and checks its accessibility in every theme.
  ...(import.meta.env.STORYBOOK_A11Y_EVERY_THEME === 'true' ? { afterEach: a11yInOtherThemes(THEMES) } : {}),
  decorators: [
    (Story, { globals }) => {
      const theme = globals.theme === 'dark' ? 'dark' : 'light';
      document.documentElement.dataset.theme = theme;
      return (
        <div data-theme={theme} style={{ padding: '1rem', background: 'var(--bg)', color: 'var(--text)' }}>
          <Story />
        </div>
      );
    },
  ],
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
    // The visual runner captures every story in each of these modes.
    visual: { modes: THEME_MODES },
    controls: { expanded: false },
  },
};

export default preview;
