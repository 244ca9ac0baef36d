import { SingleBar } from 'cli-progress';

/**
 * A progress bar with ETA on stderr (stdout stays clean for results). Trees are grown synchronously, so the bar
 * must redraw from update() itself: synchronousUpdate does that, the timer alone would never fire.
 */
export function treeProgress(label: string, unit = 'trees'): { update(done: number, total: number): void; stop(): void } {
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} ${unit} | {duration_formatted} elapsed | ETA {eta_formatted}`,
    synchronousUpdate: true,
    hideCursor: true,
    etaBuffer: 20,
    stream: process.stderr,
    // In CI logs (no TTY) print a line every few seconds instead of nothing.
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) { bar.start(total, 0); started = true; }
      bar.update(done);
    },
    stop() { if (started) bar.stop(); },
  };
}
