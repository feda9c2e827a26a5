/** Display formatting for the Fine-tune page. Pure functions, unit-tested. */
import type { QualityMetrics, RunStatus } from '../worker/finetune-protocol';
import { formatPsnr, formatSsim } from './format';

/** "45 s", "3 min 05 s", "1 h 02 min"; "—" when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "2.31 steps/s", "0.42 steps/s", "12 s/step" for slow runs. */
export function formatSpeed(stepsPerSecond: number | null): string {
  if (stepsPerSecond === null || !Number.isFinite(stepsPerSecond) || stepsPerSecond <= 0) return '—';
  if (stepsPerSecond < 0.1) return `${(1 / stepsPerSecond).toFixed(0)} s/step`;
  return `${stepsPerSecond.toFixed(2)} steps/s`;
}

const STATUS_LABELS: Record<'idle' | RunStatus, string> = {
  idle: 'Not started',
  preparing: 'Preparing',
  training: 'Training',
  paused: 'Paused',
  stopped: 'Stopped',
  finished: 'Finished',
  interrupted: 'Interrupted',
  failed: 'Failed',
};

export function runStatusLabel(status: 'idle' | RunStatus): string {
  return STATUS_LABELS[status];
}

/** "23.10 dB / 0.9412" */
export function formatMetrics(m: QualityMetrics | null | undefined): string {
  return m ? `${formatPsnr(m.psnr)} / ${formatSsim(m.ssim)}` : '—';
}

/** "+0.42 dB", "−0.10 dB" */
export function formatPsnrChange(before: number, after: number): string {
  const d = after - before;
  if (!Number.isFinite(d)) return '';
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)} dB`;
}

const STAGE_LABELS: Record<string, string> = {
  decode: 'Decoding photos',
  features: 'Computing encoder features',
  teacher: 'Computing teacher classes',
  models: 'Loading the models',
};

export function prepareLabel(stage: string): string {
  return STAGE_LABELS[stage] ?? stage;
}
