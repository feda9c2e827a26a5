import { useEffect, useRef, useState } from 'react';
import { SAMPLE_COUNTS } from '../core/langevin/sampling-defaults';
import { useAlternativesStore } from '../state/alternatives-store';
import { useQueueStore } from '../state/queue-store';
import { AlternativesGrid } from './alternatives-grid';
import { formatDuration } from './format';
import { useJobs } from './jobs-context';
import { ProgressBar } from './progress-bar';

const STAGES = { decode: 'Decoding', load: 'Loading the score network', sampling: 'Langevin sampling', encode: 'Encoding PNGs' } as const;

/**
 * "Show alternatives": N plausible colourings of the photo by Langevin dynamics
 * (docs/langevin.md), with progress and Cancel, then a grid to pick one from.
 */
export function AlternativesPanel({ id, name }: { readonly id: string; readonly name: string }) {
  const jobs = useJobs();
  const run = useAlternativesStore((s) => s.byItem[id]);
  const [count, setCount] = useState<number>(SAMPLE_COUNTS[0]);
  /** The sample in use as the photo's result, if any (it may come from an earlier set). */
  const inUseLabel = useQueueStore((s) => s.items.find((item) => item.id === id)?.result?.alternative?.label);
  const running = run?.status === 'running';
  // The latest completed set: it stays on screen while new samples are drawn and if that run is cancelled.
  const result = run?.result;
  const sectionRef = useRef<HTMLElement>(null);
  const showRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Starting or ending a run swaps the buttons: keep keyboard focus on the one that replaced the clicked one.
  // Only on a change (never when the panel first appears, which would pull focus and scroll the page).
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current === running) return;
    wasRunning.current = running;
    const active = document.activeElement;
    if (active && active !== document.body && !sectionRef.current?.contains(active)) return;
    (running ? cancelRef : showRef).current?.focus({ preventScroll: true });
  }, [running]);

  return (
    <section ref={sectionRef} className="alternatives" aria-label={`Alternatives for ${name}`} data-testid="alternatives" data-status={run?.status ?? 'idle'}>
      <div className="alternatives-head">
        <h3 className="alternatives-title">Alternatives</h3>
        {!running && (
          <>
            <label className="alternatives-count">
              <span>Samples</span>
              <select value={count} onChange={(e) => setCount(Number(e.target.value))} data-testid="alternatives-count">
                {SAMPLE_COUNTS.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
            <button ref={showRef} type="button" className="button subtle" data-testid="show-alternatives" onClick={() => jobs.showAlternatives(id, count)}>
              {result ? 'New alternatives' : 'Show alternatives'}
            </button>
          </>
        )}
        {result && (
          <span className="alternatives-diversity" data-testid="alternatives-diversity" title="Mean pairwise distance between the samples' a,b colour channels, in CIELAB units: how different they are">
            Diversity {result.diversity === null ? '—' : `${result.diversity.toFixed(1)} Lab`}
          </span>
        )}
      </div>
      {running && (
        <div className="queue-item-progress">
          <div className="progress-track">
            <ProgressBar value={run.progress} label={`Alternatives for ${name}`} testId="alternatives-progress" />
            <span className="progress-stage">{run.stage ? STAGES[run.stage] : 'Waiting'} · {run.count} samples</span>
          </div>
          <button ref={cancelRef} type="button" className="button subtle" data-testid="cancel-alternatives" onClick={() => jobs.cancelAlternatives(id)}>
            Cancel
          </button>
        </div>
      )}
      {run?.status === 'error' && run.error && (
        <p className="item-error" role="alert" data-testid="alternatives-error">{run.error.message}</p>
      )}
      {run?.status === 'cancelled' && (
        <p className="hint" data-testid="alternatives-cancelled">Cancelled.{result ? ' The previous samples are below.' : ''}</p>
      )}
      {result && run && (
        <>
          <AlternativesGrid name={name} result={result} chosen={run.chosen} onChoose={(i) => jobs.chooseAlternative(id, i)} />
          <p className="hint" data-testid="alternatives-info" data-ms-per-sample={Math.round(result.timings.perSampleMs)}
            title={`Score network ${result.scoreNet.version} (${result.scoreNet.trainingSteps} training steps); ${result.sampler.evaluations} Langevin steps per sample`}>
            {result.alternatives.length} samples (seed {result.seed}) in {formatDuration(result.timings.totalMs)} on {result.backend}:{' '}
            {formatDuration(result.timings.perSampleMs)} of sampling per sample.
          </p>
        </>
      )}
      {inUseLabel && (
        <p className="hint" data-testid="alternative-in-use">
          The result above is {run?.chosen === null || !result ? `${inUseLabel} of an earlier set` : inUseLabel}.{' '}
          <button type="button" className="link-button" data-testid="use-gan" onClick={() => jobs.chooseAlternative(id, null)}>
            Back to the original colorization
          </button>
        </p>
      )}
    </section>
  );
}
