// Runs in real Chromium (served by Vite): times save and load of a state of the given size.
import { PersistentStore } from '../src/storage/persistent-store';

declare global {
  interface Window { runStorageBench: (bytes: number, repetitions: number) => Promise<{ save: number[]; load: number[]; backend: string }> }
}

window.runStorageBench = async (bytes, repetitions) => {
  localStorage.clear();
  const store = await PersistentStore.open();
  // A dashboard-like state: many widgets' settings, about `bytes` of JSON (UTF-16 in localStorage).
  const state = { widgets: Array.from({ length: Math.ceil(bytes / 2 / 100) }, (_, index) => ({ id: `w${index}`, note: 'x'.repeat(80) })) };
  const save: number[] = [];
  const load: number[] = [];
  let backend = '';
  for (let i = 0; i < repetitions; i += 1) {
    state.widgets[0] = { id: 'w0', note: String(i).padEnd(80, 'y') };
    let started = performance.now();
    backend = (await store.save('layout', 'bench', state)).backend;
    save.push(performance.now() - started);
    started = performance.now();
    await store.load('layout', 'bench');
    load.push(performance.now() - started);
  }
  return { save, load, backend };
};
