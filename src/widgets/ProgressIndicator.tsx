interface ProgressIndicatorProps {
  label: string;
  /** 0..100; omitted means the amount of work is not known yet (indeterminate). */
  value?: number;
  error?: string;
}

export function ProgressIndicator({ label, value, error }: ProgressIndicatorProps) {
  // Whatever it is handed, a value a progress bar can have: 0..100, or not known (NaN is not a number of percent).
  const clamped = value === undefined || Number.isNaN(value) ? undefined : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress" data-state={error ? 'error' : clamped === undefined ? 'indeterminate' : 'determinate'}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        aria-valuetext={error ? `Failed at ${clamped ?? 0}%` : clamped === undefined ? 'Starting' : `${clamped}%`}
        aria-invalid={error ? true : undefined}
        className="progress__track"
      >
        <div className="progress__bar" style={{ width: `${clamped ?? 100}%` }} />
      </div>
      <span className="progress__text">{error ? `Failed: ${error}` : clamped === undefined ? 'Starting…' : `${clamped}%`}</span>
    </div>
  );
}
