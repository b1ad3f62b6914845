export { PersistentStore, type Backend, type SaveResult } from './persistent-store';
export { MEMORY_ONLY_WARNING, NEAR_QUOTA_RATIO, type StoreHealth } from './store-health';
export { ownKey, OWN_PREFIX, SCHEMA_VERSION, type RecordKind } from './record';
export type { StorageUsage } from './usage';
export { StorageProvider, StorageNotice, useStore, useStoreHealth } from './StorageProvider';
export { usePersisted } from './use-persisted';
