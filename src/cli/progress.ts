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
  return process.stderr.isTTY === true && format === 'table' && process.env.CI === undefined && process.env.TERM !== 'dumb';
}

/** Starts a spinner (ora, loaded only when one is shown), or does nothing off a terminal. */
export async function startProgress(text: string, enabled: boolean): Promise<Progress> {
  if (!enabled) return SILENT;
  const { default: ora } = await import('ora');
  const spinner: Ora = ora({ text, stream: process.stderr, discardStdin: false }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: (final) => {
      if (final === undefined) spinner.stop();
      else spinner.stopAndPersist({ symbol: ' ', text: final });
    },
  };
}
