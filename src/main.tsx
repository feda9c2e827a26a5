import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startServiceWorker } from './platform/browser/service-worker';
import { startFineTuneJobs } from './state/finetune-jobs';
import { followModelChoice } from './state/model-choice';
import { addFineTuneHooks, startPageJobs, testHooksRequested } from './state/test-hooks';
import { ErrorBoundary } from './ui/error-boundary';
import { FineTuneContext } from './ui/finetune-context';
import { JobsContext } from './ui/jobs-context';
import './ui/styles.css';

// Starts the worker (lazily loads the model) and wires it to the stores, once.
// (`?testhooks` adds window.__colorizerTest for end-to-end tests: src/state/test-hooks.ts.)
const jobs = startPageJobs(location.search, import.meta.env.DEV);
// The colorizer uses the model chosen in settings (shipped or fine-tuned).
followModelChoice(jobs.bridge);
// Fine-tuning has its own worker, started on the first use of the Fine-tune page.
const fineTune = startFineTuneJobs(undefined, { testHooks: testHooksRequested(location.search, import.meta.env.DEV) });
addFineTuneHooks(fineTune.client);
// Offline support and updates (a no-op in `vite dev`).
startServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <JobsContext.Provider value={jobs}>
        <FineTuneContext.Provider value={fineTune}>
          <App />
        </FineTuneContext.Provider>
      </JobsContext.Provider>
    </ErrorBoundary>
  </StrictMode>,
);
