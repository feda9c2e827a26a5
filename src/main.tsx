import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startServiceWorker } from './platform/browser/service-worker';
import { startPageJobs } from './state/test-hooks';
import { ErrorBoundary } from './ui/error-boundary';
import { JobsContext } from './ui/jobs-context';
import './ui/styles.css';

// Starts the worker (lazily loads the model) and wires it to the stores, once.
// (`?testhooks` adds window.__colorizerTest for end-to-end tests: src/state/test-hooks.ts.)
const jobs = startPageJobs(location.search, import.meta.env.DEV);
// Offline support and updates (a no-op in `vite dev`).
startServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <JobsContext.Provider value={jobs}>
        <App />
      </JobsContext.Provider>
    </ErrorBoundary>
  </StrictMode>,
);
