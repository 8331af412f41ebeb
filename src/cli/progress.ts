import type { Ora } from 'ora';

/** A live status line on standard error, shown only to a person at a terminal. */
export interface Progress {
  update(text: string): void;
  /** Ends the line; `final` is printed in its place when given. */
  stop(final?: string): void;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

/** Whether progress may be drawn: standard error is a terminal and the output is for a person. */
export function canShowProgress(format: string): boolean {
  // A terminal of unknown width (0 columns) would make the line arithmetic of a spinner divide by zero.
  return process.stderr.isTTY === true && (process.stderr.columns ?? 0) > 0 && format === 'table' && process.env.CI === undefined && process.env.TERM !== 'dumb';
}

/** Starts a spinner (ora, loaded only when one is shown), or does nothing off a terminal. */
export async function startProgress(text: string, enabled: boolean): Promise<Progress> {
  if (!enabled) return SILENT;
  const { default: ora } = await import('ora');
  const spinner: Ora = ora({ text, stream: process.stderr, discardStdin: false }).start();
  return {
    update: (next) => {
      // Lines are cut to the terminal's width: a wrapped line would break the redraw.
      const width = Math.max(20, (process.stderr.columns ?? 80) - 4);
      spinner.text = next
        .split('\n')
        .map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line))
        .join('\n');
    },
    stop: (final) => {
      if (final === undefined) spinner.stop();
      else spinner.stopAndPersist({ symbol: ' ', text: final });
    },
  };
}
