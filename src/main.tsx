import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startJobs } from './state/jobs';
import { ErrorBoundary } from './ui/error-boundary';
import { JobsContext } from './ui/jobs-context';
import './ui/styles.css';

// Starts the worker (lazily loads the model) and wires it to the stores, once.
const jobs = startJobs();

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
