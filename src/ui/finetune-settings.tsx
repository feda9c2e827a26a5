import { useId } from 'react';
import { GAN_LOSS_TYPES, type GanLossType } from '../core/losses/gan-loss-types';
import type { ObjectivePreset } from '../core/train/objective';
import {
  applyPreset, FIELD_LABELS, parseForm, passesOverPhotos, setGan, setNumber, setWeight, startBlockers, WEIGHT_KEYS, type NumberField,
} from '../state/finetune-form';
import { setForm, setName, useFineTuneStore, usablePhotos } from '../state/finetune-store';
import { TRAINING_SIZES, type TrainingSize } from '../worker/finetune-protocol';
import { useFineTune } from './finetune-context';
import { formatBytes } from './format';

const PRESET_LABELS: Record<ObjectivePreset | 'custom', string> = {
  chromagan: 'ChromaGAN (colour MSE + WGAN-GP + class KL)',
  total: 'Four-term total loss (pixel + adversarial + feature + smoothness)',
  custom: 'Custom',
};

const GAN_LABELS: Record<GanLossType, string> = {
  'wgan-gp': 'WGAN-GP',
  minimax: 'Minimax',
  'non-saturating': 'Non-saturating',
};

const TRAINING_FIELDS: readonly NumberField[] = ['steps', 'learningRate', 'criticLearningRate', 'batchSize', 'previewEvery', 'checkpointEvery'];

const FIELD_HINTS: Partial<Record<NumberField, string>> = {
  previewEvery: '0 = only at the end',
};

interface NumberInputProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly disabled: boolean;
  /** What is wrong with the value (parseForm's fieldProblems), if anything. */
  readonly problem?: string;
  readonly hint?: string;
}

function NumberInput({ label, value, onChange, disabled, problem, hint }: NumberInputProps) {
  const id = useId();
  const describedBy = [problem && `${id}-problem`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="ft-field">
      <label className="field-label" htmlFor={id}>{label}</label>
      <input
        id={id} className="input" inputMode="decimal" value={value} disabled={disabled}
        aria-invalid={problem ? true : undefined} aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {hint && <span className="hint field-hint" id={`${id}-hint`}>{hint}</span>}
      {problem && <span className="field-problem" id={`${id}-problem`} data-testid="field-problem">{problem}</span>}
    </div>
  );
}

/** Model name, objective (preset, GAN loss, λ weights), training settings, and Start with the reasons it is disabled. */
export function FineTuneSettings() {
  const jobs = useFineTune();
  const nameId = useId();
  const presetId = useId();
  const ganId = useId();
  const sizeId = useId();
  const reasonsId = useId();
  const form = useFineTuneStore((s) => s.form);
  const name = useFineTuneStore((s) => s.name);
  const verdict = useFineTuneStore((s) => s.verdict);
  const photos = useFineTuneStore((s) => s.photos);
  const running = useFineTuneStore((s) => s.run.active);
  const parsed = parseForm(form);
  const blockers = startBlockers({
    name, verdict, running, formProblems: parsed.problems,
    checking: photos.filter((p) => !p.check).length, okPhotos: usablePhotos(photos).length,
  });

  return (
    <section className="ft-card ft-settings" aria-labelledby="ft-settings-title">
      <h2 id="ft-settings-title" className="section-title">Settings</h2>
      <div className="ft-field ft-field-wide">
        <label className="field-label" htmlFor={nameId}>Model name</label>
        <input id={nameId} className="input" value={name} maxLength={80} onChange={(e) => setName(e.currentTarget.value)} aria-describedby={running ? `${nameId}-hint` : undefined} />
        {running && <p className="hint" id={`${nameId}-hint`}>For the next run; rename this one under Models.</p>}
      </div>
      <fieldset className="ft-group" disabled={running}>
        <legend>Objective</legend>
        <div className="ft-field ft-field-wide">
          <label className="field-label" htmlFor={presetId}>Loss preset</label>
          <select id={presetId} className="select" value={form.preset} onChange={(e) => setForm(applyPreset(form, e.currentTarget.value as ObjectivePreset | 'custom'))}>
            {(Object.keys(PRESET_LABELS) as (ObjectivePreset | 'custom')[]).map((p) => (
              <option key={p} value={p}>{PRESET_LABELS[p]}</option>
            ))}
          </select>
        </div>
        <div className="ft-field">
          <label className="field-label" htmlFor={ganId}>GAN loss</label>
          <select id={ganId} className="select" value={form.gan} onChange={(e) => setForm(setGan(form, e.currentTarget.value as GanLossType))}>
            {GAN_LOSS_TYPES.map((g) => (
              <option key={g} value={g}>{GAN_LABELS[g]}</option>
            ))}
          </select>
        </div>
        {WEIGHT_KEYS.map((k) => (
          <NumberInput key={k} label={FIELD_LABELS[k]} value={form.weights[k]} disabled={running} problem={parsed.fieldProblems[k]} onChange={(v) => setForm(setWeight(form, k, v))} />
        ))}
      </fieldset>
      <fieldset className="ft-group" disabled={running}>
        <legend>Training</legend>
        {TRAINING_FIELDS.map((f) => (
          <NumberInput key={f} label={FIELD_LABELS[f]} value={form.numbers[f]} disabled={running} problem={parsed.fieldProblems[f]} hint={FIELD_HINTS[f]} onChange={(v) => setForm(setNumber(form, f, v))} />
        ))}
        <div className="ft-field">
          <label className="field-label" htmlFor={sizeId}>Training size (px)</label>
          <select id={sizeId} className="select" value={form.size} onChange={(e) => setForm({ ...form, size: Number(e.currentTarget.value) as TrainingSize })}>
            {TRAINING_SIZES.map((s) => (
              <option key={s} value={s}>{s} × {s}</option>
            ))}
          </select>
        </div>
      </fieldset>
      {verdict && (
        <p className="hint" data-testid="training-set-verdict">
          {verdict.trainingPhotos} photo{verdict.trainingPhotos === 1 ? '' : 's'} to learn from, about {formatBytes(verdict.estimatedBytes)} of memory in the worker.
          {parsed.settings && verdict.trainingPhotos > 0 && (
            <span data-testid="training-passes">
              {' '}{parsed.settings.steps} steps × batch {parsed.settings.batchSize} ≈ {formatPasses(passesOverPhotos(parsed.settings.steps, parsed.settings.batchSize, verdict.trainingPhotos))} over
              them (photo and mirror); a few passes usually help most, many more can over-fit — watch the preview.
            </span>
          )}
        </p>
      )}
      <div className="ft-start">
        <button
          type="button"
          className="button primary"
          disabled={blockers.length > 0}
          aria-describedby={blockers.length > 0 ? reasonsId : undefined}
          onClick={() => jobs.start()}
        >
          Start training
        </button>
        {blockers.length > 0 && (
          <ul id={reasonsId} className="ft-blockers" data-testid="start-blockers" aria-live="polite">
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function formatPasses(passes: number): string {
  const n = passes >= 10 ? Math.round(passes) : Math.round(passes * 10) / 10;
  return `${n} pass${n === 1 ? '' : 'es'}`;
}
