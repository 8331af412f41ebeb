import { NotFoundError, VirtFusionError } from '../core/errors';
import { EXIT } from './exit-codes';
import { InterruptedError, UsageError } from './errors';
import { masked, shownUrl } from './redaction';

function envelope(code: string, message: string, extra: { statusCode?: number | null; details?: unknown; retryable?: boolean } = {}): object {
  return {
    success: false,
    error: { code, message, statusCode: extra.statusCode ?? null, details: extra.details ?? null, retryable: extra.retryable ?? false, timestamp: new Date().toISOString(), requestId: null },
  };
}

interface ProviderErrorLike {
  name: 'ProviderError';
  code: string;
  message: string;
  status?: number;
  retryable?: boolean;
  field?: string;
  serverId?: string;
}

function isProviderError(error: unknown): error is ProviderErrorLike {
  return (error as { name?: unknown } | null)?.name === 'ProviderError';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The error's message, with the URL requested when the panel (or whatever answered) said 404. */
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof NotFoundError && error.url !== undefined) return `${message.replace(/\.$/, '')} (requested ${error.method ?? 'GET'} ${shownUrl(error.url)}).`;
  return message;
}

/**
 * Writes the error to standard error: one readable line, or with --json the SDK error's JSON
 * envelope (`{ success: false, error: { code, message, … } }`) on one line. SDK errors are
 * already scrubbed of the token.
 */
export function reportError(error: unknown, options: { json: boolean; exitCode: number }): void {
  const interrupted = options.exitCode === EXIT.interrupted;
  if (options.json) {
    const body =
      error instanceof VirtFusionError
        ? interrupted
          ? envelope('interrupted', 'interrupted')
          : { ...error.toJSON(), error: { ...error.toJSON().error, message: messageOf(error) } }
        : error instanceof UsageError || error instanceof InterruptedError
          ? envelope(error.code, error.message)
          : isProviderError(error)
            ? envelope(error.code, error.message, { statusCode: error.status ?? null, retryable: error.retryable ?? false, details: { field: error.field ?? null, serverId: error.serverId ?? null } })
            : envelope(interrupted ? 'interrupted' : 'unexpected', error instanceof Error ? error.message : String(error));
    process.stderr.write(`${masked(JSON.stringify(body))}\n`);
    return;
  }
  if (interrupted) {
    process.stderr.write('virtfusion: interrupted\n');
    return;
  }
  const message = messageOf(error);
  const hint = error instanceof UsageError && /unknown (command|option)|missing required|too many arguments/.test(message) ? ` (see ${error.help ?? 'virtfusion --help'})` : '';
  const prefix = error instanceof VirtFusionError || error instanceof UsageError || isProviderError(error) ? '' : 'unexpected failure: ';
  process.stderr.write(`${masked(`virtfusion: ${prefix}${oneLine(message)}${hint}`)}\n`);
}
