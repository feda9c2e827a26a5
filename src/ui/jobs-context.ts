import { createContext, useContext } from 'react';
import type { Jobs } from '../state/jobs';

export const JobsContext = createContext<Jobs | null>(null);

/** The app's job runner (files → worker), provided by main.tsx. */
export function useJobs(): Jobs {
  const jobs = useContext(JobsContext);
  if (!jobs) throw new Error('useJobs() needs a <JobsContext.Provider>');
  return jobs;
}
