import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { requiredContext } from '../react/required-context';
import { LiveConnection, type LiveStatus } from './live-connection';

const [LiveContext, useLiveConnection] = requiredContext<LiveConnection>('useLiveConnection', 'LiveProvider');
export { useLiveConnection };

/** One live connection for the whole tab, shared by every widget and page (contract/live.ts). */
export function LiveProvider({ children, connection }: { children: ReactNode; connection?: LiveConnection }) {
  const [live] = useState(() => connection ?? new LiveConnection());
  useEffect(() => () => live.close(), [live]);
  return <LiveContext value={live}>{children}</LiveContext>;
}

export function useLiveStatus(): LiveStatus {
  const live = useLiveConnection();
  const subscribe = useCallback((notify: () => void) => live.onStatus(notify), [live]);
  return useSyncExternalStore(subscribe, () => live.status);
}
