import { readErrorBody } from './error-body';
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  LockedError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
  type VirtFusionError,
  type VirtFusionErrorOptions,
} from './errors';
import { redactText } from './redact';
import { parseRetryAfter } from './retry-after';

export interface FailedAnswer {
  status: number;
  headers: Headers;
  text: string;
  method: string;
  url: string;
  route: string;
  /** Strings that must not appear in the error (the token). */
  secrets: readonly string[];
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'cf-ray'];

const HINTS: Record<number, string> = {
  401: 'Check the API token, its expiry and its IP allow-list in the panel (Configuration → API).',
  403: 'The token is valid but lacks the permission for this operation; widen its scope in the panel.',
  423: 'The resource is busy (for example a build in progress); try again when it finishes.',
};

const UNSURE_STATUSES = new Set([502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

const TITLES: Record<number, string> = {
  401: 'VirtFusion rejected the API token',
  403: 'The API token is not allowed to do this',
  404: 'Not found',
  409: 'Conflict with an existing record',
  422: 'The panel rejected the input',
  423: 'Locked',
  429: 'Rate limited by the panel',
};

/**
 * Why a redirect was refused, naming where it pointed (not the panel): the transports never
 * follow one, so that the token and a write go nowhere but the panel the client was made for.
 */
function redirectRefusal(status: number, location: string | null, sentTo: string, route: string): string {
  let target: URL | undefined;
  try {
    target = location === null ? undefined : new URL(location, sentTo);
  } catch {
    target = undefined;
  }
  const where = target === undefined ? 'an address the runtime does not show' : `${target.protocol}//${target.host}${target.pathname}`;
  const fix = target === undefined ? 'Check the panel URL.' : `If that is where the panel lives, make the client with that URL (the panel answered at ${new URL(sentTo).host}).`;
  return `The panel's address redirected ${route} (${status}) to ${where}; the SDK does not follow redirects, so that the token and the request go nowhere but the panel. ${fix}`;
}

function title(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'The panel failed' : 'The panel refused the request');
}

/**
 * Maps a non-2xx answer to the error class for its status, with the panel's message. The client scrubs
 * every error it throws (`scrubError`); only the body is redacted here, since a cut cannot be scrubbed later.
 */
export function errorFromAnswer(answer: FailedAnswer): VirtFusionError {
  const { status, headers, route, secrets } = answer;
  // Redact before anything is parsed or cut, so that no part of a secret survives a cut.
  const parsed = readErrorBody(redactText(answer.text, secrets), headers.get('content-type'));
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));

  let said: string | undefined = parsed.panelMessage;
  if (parsed.html) said = `an HTML page${said ? ` ("${said}")` : ''}, usually from a proxy or load balancer in front of the panel`;
  else if (parsed.malformedJson) said = 'a body that is not valid JSON (cut short or malformed)';
  // A gateway failing a write cannot tell whether the panel behind it applied it.
  const unsure = UNSURE_STATUSES.has(status) && !IDEMPOTENT_METHODS.has(answer.method) ? ' The request may or may not have been applied: look the record up before trying again.' : '';
  const hint = HINTS[status] ?? (unsure === '' ? undefined : unsure.trim());
  const wait = status === 429 && retryAfterMs !== undefined ? ` Retry after ${Math.ceil(retryAfterMs / 1000)}s.` : '';
  const redirected = (status >= 300 && status <= 399) || (status === 0 && headers.get('location') === null);
  const message = redirected
    ? redirectRefusal(status, headers.get('location'), answer.url, route)
    : `${title(status)} (${status} on ${route})${said ? `: ${said}` : ''}.${wait}${hint ? ` ${hint}` : ''}`;

  const requestId = REQUEST_ID_HEADERS.map((name) => headers.get(name)).find((v): v is string => v !== null);
  const options: VirtFusionErrorOptions = {
    message,
    status,
    method: answer.method,
    url: answer.url,
    route,
    requestId,
    body: parsed.body,
    retryable: status === 408 || status === 429 || status >= 500,
  };

  switch (status) {
    case 401:
      return new AuthenticationError(options);
    case 403:
      return new PermissionError(options);
    case 404:
      return new NotFoundError(options);
    case 409:
      return new ConflictError(options);
    case 422:
      return new ValidationError({ ...options, messages: parsed.messages, fieldErrors: parsed.fieldErrors });
    case 423:
      return new LockedError({ ...options, retryable: true });
    case 429:
      return new RateLimitError({ ...options, retryAfterMs });
    default:
      return status >= 500 ? new ServerError(options) : new ApiError(options);
  }
}
