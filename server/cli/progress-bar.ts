/** A progress display for long work: a live bar with counts and ETA on a terminal, plain lines otherwise. */
export type ProgressBar = { update: (done: number, note?: string) => void; finish: (note?: string) => void };

const formatDuration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

export function makeProgressBar(options: {
  label: string;
  total: number;
  stream?: NodeJS.WriteStream;
  now?: () => number;
}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const started = now();
  const total = Math.max(0, options.total);
  let lastLine = '';
  let lastPercent = -1;
  let lastWritten = Number.NEGATIVE_INFINITY;
  // A live campaign publishes hundreds of pages a second: redraw ten times a second at most, and
  // write a log line per percent or per second, so the progress never costs more than the work.
  const due = (done: number, percent: number, everyMs: number) =>
    done >= total || percent !== lastPercent || now() - lastWritten >= everyMs;
  const describe = (done: number) => {
    const elapsed = (now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    return { percent, eta };
  };
  return {
    update(done, note) {
      const state = describe(done);
      if (stream.isTTY) {
        if (!due(done, lastPercent, 100)) return;
        lastWritten = now();
        const width = 24;
        const filled = Math.round((state.percent / 100) * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        stream.write(
          `\r\x1b[2K${options.label} ${bar} ${Math.floor(done)}/${total} ${state.percent}% ETA ${formatDuration(state.eta)}${note ? ` ${note}` : ''}`,
        );
        return;
      }
      // Logs get a line per finished item (when no faster than one per percent or per second), not one per tick.
      const line = `${options.label}: ${Math.floor(done)}/${total}${note ? ` ${note}` : ''}`;
      if (line === lastLine || !due(done, state.percent, 1000)) return;
      stream.write(`${line} (${state.percent}%) ETA ${formatDuration(state.eta)}\n`);
      lastLine = line;
      lastPercent = state.percent;
      lastWritten = now();
    },
    finish(note) {
      const elapsed = formatDuration((now() - started) / 1000);
      stream.write(`${stream.isTTY ? '\r\x1b[2K' : ''}${options.label}: done in ${elapsed}${note ? ` ${note}` : ''}\n`);
    },
  };
}
