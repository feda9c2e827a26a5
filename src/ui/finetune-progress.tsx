import { CRITIC_TERMS, GENERATOR_TERMS, isResumable } from '../state/finetune-run';
import { useFineTuneStore } from '../state/finetune-store';
import { formatEta, formatSpeed, prepareLabel, runStatusLabel } from './finetune-format';
import { useFineTune } from './finetune-context';
import { FineTunePreview } from './finetune-preview';
import { LossChart } from './loss-chart';
import { ProgressBar } from './progress-bar';

/** The current (or last shown) run: status, step and ETA, Pause / Resume / Stop, loss curves, preview. */
export function FineTuneProgress() {
  const jobs = useFineTune();
  const run = useFineTuneStore((s) => s.run);
  const stored = useFineTuneStore((s) => s.models.find((m) => m.id === s.run.modelId));
  if (run.status === 'idle') return null;

  const fraction = run.targetSteps > 0 ? Math.min(1, run.step / run.targetSteps) : null;
  const canResumeStored = !run.active && stored !== undefined && isResumable(stored);
  const ended = !run.active && (run.status === 'failed' || run.status === 'interrupted');
  // Speed and time left only mean something while steps are being taken.
  const stepping = run.active && run.status === 'training';

  return (
    <section className="ft-card ft-progress" aria-labelledby="ft-progress-title" data-testid="finetune-run" data-status={run.status} data-active={String(run.active)}>
      <div className="ft-card-head">
        <h2 id="ft-progress-title" className="section-title">
          {run.name ?? 'Training'} <span className={`chip chip-${run.status}`} data-testid="run-status">{runStatusLabel(run.status)}</span>
        </h2>
        <div className="ft-actions">
          {run.active && run.status === 'training' && (
            <button type="button" className="button" onClick={() => jobs.pause()}>Pause</button>
          )}
          {run.active && run.status === 'paused' && (
            <button type="button" className="button primary" onClick={() => jobs.proceed()}>Resume</button>
          )}
          {canResumeStored && (
            <button type="button" className="button primary" onClick={() => jobs.resume(stored.id)}>Resume</button>
          )}
          {run.active && (run.status === 'training' || run.status === 'paused' || run.status === 'preparing') && (
            <button type="button" className="button ghost" onClick={() => jobs.stop()}>Stop</button>
          )}
        </div>
      </div>
      <dl className="metrics ft-run-metrics">
        <div className="metric">
          <dt>Step</dt>
          <dd data-testid="run-step" data-step={run.step} data-target={run.targetSteps}>{run.step} / {run.targetSteps || '—'}</dd>
        </div>
        <div className="metric">
          <dt>Speed</dt>
          <dd data-testid="run-speed">{stepping ? formatSpeed(run.stepsPerSecond) : run.status === 'paused' ? 'paused' : '—'}</dd>
        </div>
        <div className="metric">
          <dt>Time left</dt>
          <dd data-testid="run-eta">{stepping ? formatEta(run.etaSeconds) : '—'}</dd>
        </div>
        <div className="metric">
          <dt>Last checkpoint</dt>
          <dd data-testid="run-checkpoint">{run.checkpointStep ? `step ${run.checkpointStep}` : 'none yet'}</dd>
        </div>
      </dl>
      <ProgressBar value={run.preparing ? null : fraction} label="Training progress" />
      {run.preparing && (
        <p className="hint">{prepareLabel(run.preparing.stage)}… {run.preparing.done} / {run.preparing.total}</p>
      )}
      {run.message && (
        <p className={ended ? 'item-error' : 'hint'} role={ended ? 'alert' : undefined} data-testid="run-message">{run.message}</p>
      )}
      {run.points.length > 0 && (
        <div className="ft-charts">
          <LossChart title="Generator losses" points={run.points} terms={GENERATOR_TERMS} testId="loss-chart-generator" />
          <LossChart title="Critic losses" points={run.points} terms={CRITIC_TERMS} testId="loss-chart-critic" />
        </div>
      )}
      {run.preview && <FineTunePreview preview={run.preview} />}
    </section>
  );
}
