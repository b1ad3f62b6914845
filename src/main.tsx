import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import './app/theme.css';
import { App } from './app/App';
import { runtimeConfig } from './app/runtime-config';
import { PersistentStore } from './storage/persistent-store';

async function boot(): Promise<void> {
  let banner: string | undefined;
  if (runtimeConfig().mocks) {
    // The mock backend only loads in mock mode, so a build pointed at a real API never ships it to users.
    const { startBrowserMocks } = await import('../fixtures/adapters/browser');
    banner = (await startBrowserMocks()).warning;
  }
  const store = await PersistentStore.open();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(<StrictMode><App banner={banner} store={store} /></StrictMode>);
}

void boot();
