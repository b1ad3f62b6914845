// Runs in real Chromium (served by Vite): times save and load of a state of the given size.
import { PersistentStore } from '../src/storage/persistent-store';

declare global {
  interface Window {
    runStorageBench: (bytes: number, repetitions: number) => Promise<{ save: number[]; load: number[]; backend: string }>;
  }
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

declare global {
  interface Window {
    runEvictBench: (repetitions: number) => Promise<{ save: number[]; evicted: number[]; backend: string }>;
    runCursorBench: (cursors: number, repetitions: number) => Promise<{ perFrame: number[] }>;
  }
}

/** A 1 MB save into a localStorage already full of this app's older records: it must evict (to IndexedDB) to fit. */
window.runEvictBench = async (repetitions) => {
  const save: number[] = [];
  const evicted: number[] = [];
  let backend = '';
  const big = { widgets: Array.from({ length: 5243 }, (_, index) => ({ id: `w${index}`, note: 'x'.repeat(80) })) };
  for (let i = 0; i < repetitions; i += 1) {
    localStorage.clear();
    const store = await PersistentStore.open();
    // Fill with older widget settings (100 KB each) until the browser refuses one: quota pressure.
    for (let n = 0; ; n += 1) {
      const result = await store.save('widget-settings', `old-${n}`, { note: 'o'.repeat(50_000) });
      if (result.backend !== 'localStorage' || result.evicted?.length) break;
    }
    const started = performance.now();
    const result = await store.save('layout', 'bench', big);
    save.push(performance.now() - started);
    evicted.push(result.evicted?.length ?? 0);
    backend = result.backend;
  }
  localStorage.clear();
  return { save, evicted, backend };
};

/** What one animation frame of the live stream used to do: save the latest cursor of each running task. */
window.runCursorBench = async (cursors, repetitions) => {
  localStorage.clear();
  const store = await PersistentStore.open();
  await store.save('layout', 'dashboard', { widgets: ['tasks', 'project-status', 'metrics', 'alerts'] });
  const perFrame: number[] = [];
  for (let i = 0; i < repetitions; i += 1) {
    const started = performance.now();
    // Timed up to where the frame would get control back: the synchronous part of each save.
    const saves = Array.from({ length: cursors }, (_, task) => store.save('stream-cursor', `task-${task}`, i * cursors + task));
    perFrame.push(performance.now() - started);
    await Promise.all(saves);
  }
  localStorage.clear();
  return { perFrame };
};
