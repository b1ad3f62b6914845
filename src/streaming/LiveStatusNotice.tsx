import type { LiveStatus } from './live-connection';
import { useLiveConnection, useLiveStatus } from './LiveProvider';

/** Says when live updates are paused or off, and why, with a way to try again now. */
export function LiveStatusView({ status, onReconnect }: { status: LiveStatus; onReconnect: () => void }) {
  if (status.state !== 'reconnecting' && status.state !== 'off') return null;
  const paused = status.state === 'reconnecting';
  return (
    <div role={paused ? 'status' : 'alert'} className="notice live-notice">
      <p>{paused ? `Live updates paused: ${status.reason} Reconnecting (attempt ${status.attempt})…` : `Live updates are off: ${status.reason}`}</p>
      <button type="button" className="link-button" onClick={onReconnect}>
        Reconnect now
      </button>
    </div>
  );
}

/** The notice for the tab's one live connection. */
export function LiveStatusNotice() {
  const live = useLiveConnection();
  return <LiveStatusView status={useLiveStatus()} onReconnect={() => live.reconnectNow()} />;
}
