import { useLiveConnection, useLiveStatus } from './LiveProvider';

/** Says when live updates are paused or off, and why, with a way to try again now. */
export function LiveStatusNotice() {
  const live = useLiveConnection();
  const status = useLiveStatus();
  if (status.state === 'reconnecting') {
    return (
      <div role="status" className="notice live-notice">
        <p>Live updates paused: {status.reason} Reconnecting (attempt {status.attempt})…</p>
        <button type="button" className="link-button" onClick={() => live.reconnectNow()}>Reconnect now</button>
      </div>
    );
  }
  if (status.state === 'off') {
    return (
      <div role="alert" className="notice live-notice">
        <p>Live updates are off: {status.reason}</p>
        <button type="button" className="link-button" onClick={() => live.reconnectNow()}>Reconnect now</button>
      </div>
    );
  }
  return null;
}
