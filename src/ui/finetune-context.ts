import { createContext, useContext } from 'react';
import type { FineTuneJobs } from '../state/finetune-jobs';

export const FineTuneContext = createContext<FineTuneJobs | null>(null);

/** The fine-tuning runner (page ↔ fine-tuning worker), provided by main.tsx. */
export function useFineTune(): FineTuneJobs {
  const jobs = useContext(FineTuneContext);
  if (!jobs) throw new Error('useFineTune() needs a <FineTuneContext.Provider>');
  return jobs;
}
