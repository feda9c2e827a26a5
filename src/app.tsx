import { useCallback } from 'react';
import { useQueueStore } from './state/queue-store';
import { useViewStore } from './state/view-store';
import { AppHeader } from './ui/app-header';
import { DropZone } from './ui/drop-zone';
import { useFineTune } from './ui/finetune-context';
import { FineTunePanel } from './ui/finetune-panel';
import { useJobs } from './ui/jobs-context';
import { ModelWarning } from './ui/model-warning';
import { QueueList } from './ui/queue-list';
import { StatusBar } from './ui/status-bar';
import { UpdateToast } from './ui/update-toast';
import { usePageFiles } from './ui/use-page-files';
import { viewPanelId, viewTabId } from './ui/view-tabs';

export function App() {
  const jobs = useJobs();
  const fineTune = useFineTune();
  const view = useViewStore((s) => s.view);
  const hasItems = useQueueStore((s) => s.items.length > 0);
  // While the Fine-tune page is shown, dropped and pasted photos join its training set.
  const onFiles = useCallback(
    (files: File[]) => (view === 'finetune' ? fineTune.addPhotos(files) : void jobs.enqueue(files)),
    [jobs, fineTune, view],
  );
  const dragging = usePageFiles(onFiles);

  return (
    <div className="app">
      <AppHeader />
      {view === 'finetune' ? (
        <main className="app-main" id={viewPanelId('finetune')} role="tabpanel" aria-labelledby={viewTabId('finetune')}>
          <FineTunePanel dragging={dragging} />
        </main>
      ) : (
        <main className="app-main" id={viewPanelId('colorize')} role="tabpanel" aria-labelledby={viewTabId('colorize')}>
          <ModelWarning />
          <DropZone onFiles={onFiles} active={dragging} compact={hasItems} />
          <QueueList />
        </main>
      )}
      <StatusBar />
      <UpdateToast />
    </div>
  );
}
