export { PersistentStore, MEMORY_ONLY_WARNING, NEAR_QUOTA_RATIO, type Backend, type SaveResult, type StoreHealth } from './persistent-store';
export { ownKey, OWN_PREFIX, SCHEMA_VERSION, type RecordKind } from './record';
export type { StorageUsage } from './usage';
export { StorageProvider, StorageNotice, useStore, useStoreHealth } from './StorageProvider';
export { usePersisted } from './use-persisted';
