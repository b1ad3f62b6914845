import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import './app/theme.css';
import { App } from './app/App';
import { followColorScheme } from './app/color-scheme';
import { mocksEnabled, runtimeConfig } from './config/runtime-config';
import { configureTracing } from './telemetry/tracing';
import { PersistentStore } from './storage/persistent-store';

async function startMocks(): Promise<string | undefined> {
  // The mock backend only exists in builds made with mocks (npm start, dev, tests): a build for a
  // real backend has neither the mock chunk nor the worker script.
  // Spelled out here (not through a constant) so the bundler drops the import in other builds.
  if (import.meta.env.VITE_MOCKS !== '1' || !mocksEnabled()) return undefined;
  try {
    const { startBrowserMocks } = await import('../fixtures/adapters/browser');
    return (await startBrowserMocks()).warning;
  } catch (error) {
    console.error('[console] the mock backend did not start:', error);
    return `The mock backend did not start (${error instanceof Error ? error.message : String(error)}), so no data can load. Reload to try again.`;
  }
}

async function boot(): Promise<void> {
  followColorScheme();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  try {
    const banner = await startMocks();
    const { traceSampleRatio, otlpEndpoint } = runtimeConfig();
    configureTracing({ sampleRatio: traceSampleRatio, ...(otlpEndpoint ? { otlpEndpoint } : {}) });
    const store = await PersistentStore.open().catch((error: unknown) => {
      console.error('[console] browser storage could not be opened:', error);
      return new PersistentStore({});
    });
    createRoot(root).render(
      <StrictMode>
        <App {...(banner ? { banner } : {})} store={store} />
      </StrictMode>,
    );
  } catch (error) {
    // Never a blank page: say what happened in plain HTML, without React.
    console.error('[console] the console could not start:', error);
    root.textContent = '';
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `Agent Console could not start: ${error instanceof Error ? error.message : String(error)}. Reload to try again.`;
    root.append(message);
  }
}

void boot();
