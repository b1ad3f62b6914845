import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ownKey, type RecordKind } from './record';
import { useStore } from './StorageProvider';
import type { SaveResult } from './persistent-store';

/**
 * A piece of state kept in the PersistentStore: loads once, saves on every change, follows
 * newer values saved in other tabs. `ready` is false until the first load finished.
 */
export function usePersisted<T>(kind: RecordKind, id: string, fallback: T, schema: z.ZodType<T>) {
  const store = useStore();
  const schemaRef = useRef(schema);
  const [state, setState] = useState<{ value: T; ready: boolean; lastSave?: SaveResult }>({ value: fallback, ready: false });

  useEffect(() => {
    let active = true;
    void store.load<T>(kind, id, schemaRef.current).then((loaded) => {
      if (active) setState((current) => ({ ...current, value: loaded ?? current.value, ready: true }));
    });
    const key = ownKey(kind, id);
    const stop = store.onExternalChange((changed, data) => {
      // Another tab's value is checked like a loaded one: a bad one is ignored, not shown.
      const parsed = schemaRef.current.safeParse(data);
      if (changed === key && parsed.success) setState((current) => ({ ...current, value: parsed.data }));
    });
    return () => {
      active = false;
      stop();
    };
  }, [store, kind, id]);

  const update = useCallback(
    (value: T) => {
      setState((current) => ({ ...current, value }));
      void store.save(kind, id, value).then((lastSave) => setState((current) => ({ ...current, lastSave })));
    },
    [store, kind, id],
  );

  const clear = useCallback(() => {
    void store.remove(kind, id);
  }, [store, kind, id]);

  return { value: state.value, ready: state.ready, lastSave: state.lastSave, update, clear };
}
