/**
 * A one-line progress bar on a terminal (nothing when the stream is not a TTY, so logs
 * and CI output stay clean): `[########------]  3120/7200 trials  41%  12s, ~16s left`.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream, unit: string): ProgressBar | null {
  if (!stream.isTTY) return null;
  const started = performance.now();
  let last = 0;
  let shown = false;
  const render = (done: number, total: number) => {
    const width = 28;
    const frac = total > 0 ? done / total : 1;
    const filled = Math.round(frac * width);
    const elapsed = (performance.now() - started) / 1000;
    const left = done > 0 ? (elapsed * (total - done)) / done : 0;
    const text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} ${unit}  ${Math.round(frac * 100)}%  ${elapsed.toFixed(0)}s${done < total ? `, ~${left.toFixed(0)}s left` : ''}`;
    stream.write(`\r${text}\x1b[K`);
    shown = true;
  };
  return {
    update(done, total) {
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      render(done, total);
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}
