/**
 * Progress output for long CLI runs (ingest, validate, dump): a cli-progress bar on an interactive terminal, and
 * nothing but a final summary line when stderr is piped, so logs and CI output stay readable.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Advance by `n` (default 1), optionally naming the current item. */
  tick(n?: number, item?: string): void;
  /** Stops the bar and prints `summary` (if given) on its own line. */
  stop(summary?: string): void;
}

export interface ProgressOptions {
  /** Where to draw (default process.stderr). */
  stream?: NodeJS.WriteStream;
  /** Force the bar on or off (default: only on a TTY). */
  bar?: boolean;
}

export function createProgress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const useBar = opts.bar ?? Boolean(stream.isTTY);
  if (!useBar) {
    return {
      tick: () => undefined,
      stop: (summary) => {
        if (summary) stream.write(`${summary}\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {item}`, stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { item: '' });
  return {
    tick: (n = 1, item = '') => bar.increment(n, { item }),
    stop: (summary) => {
      bar.stop();
      if (summary) stream.write(`${summary}\n`);
    },
  };
}
