/** Display formatting for the UI. Pure functions, unit-tested. */
import type { ModelInfo, ProgressStage } from '../worker/protocol';

export function formatPsnr(db: number): string {
  if (db === Infinity) return '∞ dB';
  return `${db.toFixed(2)} dB`;
}

export function formatSsim(value: number): string {
  return value.toFixed(4);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** "14.2 MB of 1.5 GB" (the browser's storage estimate for this site). */
export function formatStorage(usage: number, quota: number): string {
  return quota > 0 ? `${formatBytes(usage)} of ${formatBytes(quota)}` : formatBytes(usage);
}

/** "ChromaGAN-MobileNetV2 untrained" */
export function modelLabel(model: Pick<ModelInfo, 'name' | 'version'>): string {
  return `${model.name} ${model.version}`;
}

const STAGE_LABELS: Record<ProgressStage, string> = {
  decode: 'Decoding',
  prepare: 'Converting to CIELAB',
  model: 'Predicting colour',
  recombine: 'Recombining at full resolution',
  metrics: 'Measuring',
  encode: 'Encoding PNG',
};

export function stageLabel(stage: ProgressStage | undefined): string {
  return stage ? STAGE_LABELS[stage] : 'Loading the model';
}
