interface ProgressBarProps {
  /** 0..1, or null for indeterminate (waiting). */
  readonly value: number | null;
  readonly label: string;
  readonly testId?: string;
}

export function ProgressBar({ value, label, testId = 'item-progress' }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(value * 100);
  return (
    <div
      className={`progress${percent === null ? ' is-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent === null ? {} : { 'aria-valuenow': percent })}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: percent === null ? undefined : `${percent}%` }} />
    </div>
  );
}
