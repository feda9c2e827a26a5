/** A one-line progress bar with rate and ETA for the CLIs (stderr, so stdout stays clean). */
export interface ProgressBar {
  update(done: number, extra?: string): void;
  /** Final line; `at` is where it ended (default: the total). */
  done(extra?: string, at?: number): void;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--';
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.floor(s % 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

export function createProgressBar(label: string, total: number, unit = 'it', stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const start = Date.now();
  let first = -1;
  let lastPrint = 0;
  const tty = Boolean(stream.isTTY);
  const line = (done: number, extra = '') => {
    if (first < 0) first = done;
    const elapsed = (Date.now() - start) / 1000;
    const rate = (done - first) / Math.max(elapsed, 1e-3);
    const eta = (total - done) / rate;
    const width = 24;
    const filled = Math.round((width * done) / Math.max(total, 1));
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(2)} ${unit}/s ETA ${formatSeconds(eta)} ${extra}`;
  };
  return {
    update(done, extra) {
      const now = Date.now();
      if (!tty && now - lastPrint < 10_000 && done < total) return; // logs: one line per 10 s
      lastPrint = now;
      stream.write(tty ? `\r${line(done, extra)}\x1b[K` : `${line(done, extra)}\n`);
    },
    done(extra, at = total) {
      stream.write(`${tty ? '\r' : ''}${line(at, extra)} done in ${formatSeconds((Date.now() - start) / 1000)}\n`);
    },
  };
}
