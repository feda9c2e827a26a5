import { useCallback } from 'react';
import { useQueueStore } from './state/queue-store';
import { AppHeader } from './ui/app-header';
import { DropZone } from './ui/drop-zone';
import { useJobs } from './ui/jobs-context';
import { ModelWarning } from './ui/model-warning';
import { QueueList } from './ui/queue-list';
import { StatusBar } from './ui/status-bar';
import { UpdateToast } from './ui/update-toast';
import { usePageFiles } from './ui/use-page-files';

export function App() {
  const jobs = useJobs();
  const hasItems = useQueueStore((s) => s.items.length > 0);
  const onFiles = useCallback((files: File[]) => void jobs.enqueue(files), [jobs]);
  const dragging = usePageFiles(onFiles);

  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <ModelWarning />
        <DropZone onFiles={onFiles} active={dragging} compact={hasItems} />
        <QueueList />
      </main>
      <StatusBar />
      <UpdateToast />
    </div>
  );
}
