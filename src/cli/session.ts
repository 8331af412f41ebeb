import type { VirtFusion } from '../client';
import { interruptSignal } from './interrupt';
import { Output, outputFormat, type OutputFlags } from './output';
import { canShowProgress, startProgress, type Progress } from './progress';
import { masked } from './redaction';
import { checkPanelUrl, resolveConnection, type ConnectionFlags } from './settings';
import { parseCount, parseDuration } from './durations';

/** Flags every API command takes. */
export interface GlobalFlags extends ConnectionFlags, OutputFlags {
  verbose?: boolean | undefined;
  timeout?: string | undefined;
  retries?: string | undefined;
  allowHttp?: boolean | undefined;
}

/** What a command runs with: the client, where to print, and the Ctrl-C signal. */
export interface Session {
  vf: VirtFusion;
  out: Output;
  signal: AbortSignal;
  /** A spinner on a terminal, nothing otherwise. */
  progress(text: string): Promise<Progress>;
  /** Runs `work` with a spinner that is stopped however `work` ends. */
  withProgress<T>(text: string, work: (progress: Progress) => Promise<T>): Promise<T>;
  /** One line on standard error, unless --quiet. */
  warn(text: string): void;
}

function stderrLine(text: string): void {
  process.stderr.write(`${masked(text)}\n`);
}

/** The printer alone, for commands that do not talk to a panel. */
export function outputFor(flags: OutputFlags): Output {
  return new Output(outputFormat(flags));
}

/** Resolves the connection and builds a client: the SDK's retry and rate limit, logging with --verbose. */
export async function openSession(flags: GlobalFlags): Promise<Session> {
  const out = outputFor(flags);
  const warn = (text: string) => {
    if (!flags.quiet) stderrLine(text);
  };
  const timeout = flags.timeout === undefined ? undefined : parseDuration(flags.timeout, '--timeout');
  const retries = flags.retries === undefined ? undefined : parseCount(flags.retries, '--retries');
  // A token file others can read is worth a line even with --quiet.
  const connection = await resolveConnection(flags, process.env, stderrLine);
  checkPanelUrl(connection.url, connection.urlSource, flags.allowHttp === true);
  const [{ VirtFusion }, { retry }, { rateLimit }] = await Promise.all([import('../client'), import('../middleware/retry'), import('../middleware/rate-limit')]);
  const vf = new VirtFusion({
    url: connection.url,
    token: connection.token,
    userAgent: 'virtfusion-cli',
    allowInsecureHttp: flags.allowHttp === true,
    middleware: [retry(retries === undefined ? {} : { retries }), rateLimit()],
    ...(timeout === undefined ? {} : { timeout }),
    validate: 'off',
    // The SDK's warnings (rate-limit holds, odd answers) are for --verbose; errors say what matters.
    logger: { warn: (_details, message) => (flags.verbose ? stderrLine(`warning: ${message}`) : undefined) },
  });
  if (flags.verbose) {
    stderrLine(`using ${vf.baseUrl} (from ${connection.source})`);
    vf.on('response', (e) => stderrLine(`${e.route} -> ${e.status} in ${Math.round(e.durationMs)} ms`));
    vf.on('retry', (e) => stderrLine(`${e.route}: attempt ${e.attempt} failed (${e.status ?? e.code}); retrying in ${Math.round(e.delayMs)} ms`));
    vf.on('error', (e) => stderrLine(`${e.route} failed: ${e.code}`));
  }
  const showProgress = canShowProgress(out.format) && !flags.quiet && !flags.verbose;
  const progress = (text: string) => startProgress(text, showProgress);
  const withProgress = async <T>(text: string, work: (p: Progress) => Promise<T>): Promise<T> => {
    const spinner = await progress(text);
    try {
      return await work(spinner);
    } finally {
      spinner.stop();
    }
  };
  return { vf, out, signal: interruptSignal, progress, withProgress, warn };
}
