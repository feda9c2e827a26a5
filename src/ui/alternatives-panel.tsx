import { useState } from 'react';
import { SAMPLE_COUNTS } from '../core/langevin/sampling-defaults';
import { useAlternativesStore } from '../state/alternatives-store';
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
  const running = run?.status === 'running';
  const result = run?.status === 'done' ? run.result : undefined;

  return (
    <section className="alternatives" aria-label={`Alternatives for ${name}`} data-testid="alternatives" data-status={run?.status ?? 'idle'}>
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
            <button type="button" className="button subtle" data-testid="show-alternatives" onClick={() => jobs.showAlternatives(id, count)}>
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
          <button type="button" className="button subtle" data-testid="cancel-alternatives" onClick={() => jobs.cancelAlternatives(id)}>
            Cancel
          </button>
        </div>
      )}
      {run?.status === 'error' && run.error && (
        <p className="item-error" role="alert" data-testid="alternatives-error">{run.error.message}</p>
      )}
      {run?.status === 'cancelled' && <p className="hint" data-testid="alternatives-cancelled">Cancelled.</p>}
      {result && run && (
        <>
          <AlternativesGrid name={name} result={result} chosen={run.chosen} onChoose={(i) => jobs.chooseAlternative(id, i)} />
          <p className="hint" data-testid="alternatives-info" data-ms-per-sample={Math.round(result.timings.perSampleMs)}>
            {result.alternatives.length} samples, seed {result.seed}: {result.sampler.evaluations} score-network steps each,{' '}
            {formatDuration(result.timings.perSampleMs)} per sample on {result.backend}; score network {result.scoreNet.version}
            {' '}({result.scoreNet.trainingSteps} training steps).{' '}
            {run.chosen !== null && (
              <button type="button" className="link-button" data-testid="use-gan" onClick={() => jobs.chooseAlternative(id, null)}>
                Back to the original colorization
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
