import { ACTIVE_STATUSES, useQueueStore } from '../state/queue-store';
import { useJobs } from './jobs-context';
import { QueueItem } from './queue-item';

export function QueueList() {
  const items = useQueueStore((s) => s.items);
  const clearFinished = useQueueStore((s) => s.clearFinished);
  const jobs = useJobs();
  if (items.length === 0) return null;
  const finished = items.filter((i) => !ACTIVE_STATUSES.has(i.status)).length;
  const active = items.length - finished;
  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="queue-head">
        <h2 id="queue-title" className="section-title">
          Photos <span className="count">{items.length}</span>
        </h2>
        <p className="queue-summary" aria-live="polite">
          {active > 0 ? `${active} in progress` : 'All done'}
        </p>
        {finished > 0 && (
          <button type="button" className="button ghost" onClick={clearFinished}>
            Clear finished
          </button>
        )}
      </div>
      <ol className="queue-list">
        {items.map((item) => (
          <QueueItem key={item.id} item={item} onCancel={jobs.cancel} onRemove={jobs.remove} />
        ))}
      </ol>
    </section>
  );
}
