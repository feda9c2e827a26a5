import { memo } from 'react';
import type { QueueItem as Item } from '../state/queue-store';
import { formatBytes, stageLabel } from './format';
import { ProgressBar } from './progress-bar';
import { ResultView } from './result-view';

const STATUS_TEXT: Record<Item['status'], string> = {
  queued: 'Queued',
  running: 'Colorizing',
  done: 'Done',
  error: 'Failed',
  cancelled: 'Cancelled',
};

interface QueueItemProps {
  readonly item: Item;
  readonly onCancel: (id: string) => void;
  readonly onRemove: (id: string) => void;
}

/**
 * One photo in the queue. Memoised: items are immutable, so a progress update of one
 * photo re-renders that item only, not the other 49 of a big drop.
 */
export const QueueItem = memo(function QueueItem({ item, onCancel, onRemove }: QueueItemProps) {
  const active = item.status === 'queued' || item.status === 'running';
  const headingId = `${item.id}-name`;
  return (
    <li className={`queue-item status-${item.status}`} data-testid="queue-item" data-name={item.name} aria-labelledby={headingId}>
      <div className="queue-item-head">
        <div className="queue-item-title">
          <h2 className="queue-item-name" id={headingId} title={item.name}>{item.name}</h2>
          <span className="queue-item-meta">{formatBytes(item.bytes)}</span>
        </div>
        <span className={`chip chip-${item.status}`} data-testid="item-status" data-status={item.status}>
          {STATUS_TEXT[item.status]}
          {item.status === 'running' ? ` ${Math.round(item.progress * 100)}%` : ''}
        </span>
        {!active && (
          <button type="button" className="button subtle icon-only" data-testid="remove-item" onClick={() => onRemove(item.id)} aria-label={`Remove ${item.name}`} title="Remove">
            <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </button>
        )}
      </div>
      {active && (
        // Cancel sits here, not where Remove appears once done, so a late click cannot remove a result.
        <div className="queue-item-progress">
          <div className="progress-track">
            <ProgressBar value={item.status === 'queued' ? null : item.progress} label={`Progress for ${item.name}`} />
            <span className="progress-stage">{item.status === 'queued' ? 'Waiting for the photo before it' : stageLabel(item.stage)}</span>
          </div>
          <button type="button" className="button subtle" data-testid="cancel-item" onClick={() => onCancel(item.id)} aria-label={`Cancel ${item.name}`}>
            Cancel
          </button>
        </div>
      )}
      {item.status === 'error' && item.error && (
        <p className="item-error" role="alert" data-testid="item-error" data-code={item.error.code}>
          {item.error.message}
        </p>
      )}
      {item.status === 'done' && item.result && <ResultView id={item.id} name={item.name} result={item.result} />}
    </li>
  );
});
