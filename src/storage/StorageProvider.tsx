import { useEffect, useState, type ReactNode } from 'react';
import { requiredContext } from '../react/required-context';
import type { PersistentStore } from './persistent-store';
import type { StoreHealth } from './store-health';

const [StoreContext, useStore] = requiredContext<PersistentStore>('useStore', 'StorageProvider');
export { useStore };

export function StorageProvider({ store, children }: { store: PersistentStore; children: ReactNode }) {
  useEffect(() => store.listenToOtherTabs(), [store]);
  return <StoreContext value={store}>{children}</StoreContext>;
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
  return (
    <>
      {health.mode === 'memory' && (
        <p role="alert" className="notice shell__banner">
          {health.message}
        </p>
      )}
      {health.mode !== 'memory' && health.nearQuota && (
        <p role="status" className="notice shell__banner">
          Browser storage is over 80% full; older dashboard data may move to IndexedDB.
        </p>
      )}
      {health.setAside && health.setAside.length > 0 && (
        <div role="status" className="notice shell__banner">
          <p>Saved data this console could not read was set aside; the defaults are used instead:</p>
          <ul>
            {health.setAside.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
