import type { UnreadableRecord } from '../api/records';

/** The records the server sent that could not be read, each named with what was wrong. */
export function UnreadableRecords({ records, noun }: { records: readonly UnreadableRecord[]; noun: string }) {
  if (records.length === 0) return null;
  return (
    <ul className="unreadable" aria-label={`Unreadable ${noun}s`}>
      {records.map((record) => (
        <li key={`${record.index}-${record.id ?? ''}`} className="unreadable__item">
          <p className="unreadable__title">
            This {noun} could not be read{record.id ? ` (${record.id})` : ` (item ${record.index + 1})`}
          </p>
          <p className="muted unreadable__problems">{record.problems.join('; ')}</p>
        </li>
      ))}
    </ul>
  );
}
