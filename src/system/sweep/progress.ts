/**
 * Sweep progress on stderr (stdout is kept for data): a redrawn bar on a
 * terminal, otherwise a plain line at every 10 % step or every few seconds,
 * whichever comes first, so logs stay short.
 */

export interface ProgressSink {
  /** `done` of `total` points finished; `units` of `totalUnits` units. */
  update(done: number, units: number): void;
  finish(): void;
}

export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** Seconds between plain lines when the 10 % steps are slower than that. */
const PLAIN_EVERY_S = 5;
/** Redraws of the bar per second at most. */
const BAR_FPS = 10;

export function progressReporter(total: number, totalUnits: number, stream: ProgressStream, now: () => number = () => performance.now()): ProgressSink {
  const started = now();
  let lastDraw = -Infinity;
  let lastStep = -1;
  let lastDone = 0;
  let lastUnits = 0;
  let lastPrinted = '';
  const tty = stream.isTTY === true;
  const pct = (done: number): number => (total === 0 ? 100 : Math.floor((100 * done) / total));
  const line = (done: number, units: number): string => `sweep: ${done}/${total} points, ${units}/${totalUnits} units, ${pct(done)} %`;
  const bar = (done: number, units: number): string => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 60));
    const filled = total === 0 ? width : Math.round((width * done) / total);
    const elapsed = ((now() - started) / 1000).toFixed(1);
    return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${line(done, units)}, ${elapsed} s`;
  };
  return {
    update(done, units) {
      lastDone = done;
      lastUnits = units;
      const t = now();
      if (tty) {
        if (t - lastDraw >= 1000 / BAR_FPS || done === total) {
          stream.write(bar(done, units));
          lastDraw = t;
        }
        return;
      }
      const step = Math.floor(pct(done) / 10);
      if (step > lastStep || t - lastDraw >= PLAIN_EVERY_S * 1000) {
        lastPrinted = line(done, units);
        stream.write(`${lastPrinted}\n`);
        lastStep = step;
        lastDraw = t;
      }
    },
    finish() {
      if (tty) stream.write(`${bar(lastDone, lastUnits)}\n`);
      else if (line(lastDone, lastUnits) !== lastPrinted) stream.write(`${line(lastDone, lastUnits)}\n`);
    },
  };
}

/** Progress that goes nowhere (library use, tests). */
export const silentProgress: ProgressSink = { update: () => undefined, finish: () => undefined };
