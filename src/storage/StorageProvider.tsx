import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PersistentStore, StoreHealth } from './persistent-store';

const StoreContext = createContext<PersistentStore | null>(null);

export function StorageProvider({ store, children }: { store: PersistentStore; children: ReactNode }) {
  useEffect(() => store.listenToOtherTabs(), [store]);
  return <StoreContext value={store}>{children}</StoreContext>;
}

export function useStore(): PersistentStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore() needs a <StorageProvider> above it');
  return store;
}

export function useStoreHealth(): StoreHealth {
  const store = useStore();
  const [health, setHealth] = useState(store.health);
  useEffect(() => store.onHealthChange(setHealth), [store]);
  return health;
}

/** The storage notice every page shows: memory-only mode, or nearly full. */
export function StorageNotice() {
  const health = useStoreHealth();
  if (health.mode === 'memory') return <p role="alert" className="notice shell__banner">{health.message}</p>;
  if (health.nearQuota) return <p role="status" className="notice shell__banner">Browser storage is over 80% full; older dashboard data may move to IndexedDB.</p>;
  return null;
}
