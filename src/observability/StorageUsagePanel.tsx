import type { StorageUsage } from '../storage/usage';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

export function StorageUsagePanel({ usage }: { usage: StorageUsage }) {
  return (
    <dl className="usage">
      <dt>localStorage in use</dt>
      <dd>
        {mb(usage.totalBytes)} of about {mb(usage.capacityBytes)} ({Math.round(usage.ratio * 100)}%)
      </dd>
      <dt>Agent Console's share</dt>
      <dd>{mb(usage.ownBytes)}</dd>
      {usage.estimate && (
        <>
          <dt>Origin quota (all storage)</dt>
          <dd>
            {mb(usage.estimate.usage)} of {mb(usage.estimate.quota)}
          </dd>
        </>
      )}
    </dl>
  );
}
