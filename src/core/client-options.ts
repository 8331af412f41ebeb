import { ConfigurationError } from './errors';
import type { Logger } from './logger';
import type { Middleware, Transport } from './middleware';
import type { FetchLike } from './transport';

/** The options of a client whose types are checked here (the rest are checked where they are read). */
export interface CheckedOptions {
  fetch?: FetchLike | undefined;
  transport?: Transport | undefined;
  userAgent?: string | undefined;
  allowInsecureHttp?: boolean | undefined;
  validate?: string | undefined;
  logger?: Logger | undefined;
}

const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** Middleware as given to the constructor or `use()`, each checked to be a function. */
export function checkMiddleware(layers: unknown, source: string): Middleware[] {
  if (!Array.isArray(layers)) {
    throw new ConfigurationError({ message: `${source} must be an array of middleware functions, such as [retry(), rateLimit()] (got ${typeName(layers)}).` });
  }
  layers.forEach((layer, index) => {
    if (typeof layer !== 'function') {
      throw new ConfigurationError({ message: `${source}[${index}] must be a middleware function, such as retry() (got ${typeName(layer)}).` });
    }
  });
  return [...(layers as Middleware[])];
}

/** The options whose type the constructor checks beyond `url`, `token` and `timeout`. */
export function checkOptionTypes(options: CheckedOptions): void {
  if (options.allowInsecureHttp !== undefined && typeof options.allowInsecureHttp !== 'boolean') {
    throw new ConfigurationError({ message: `\`allowInsecureHttp\` must be true or false (got ${typeName(options.allowInsecureHttp)}).` });
  }
  if (options.userAgent !== undefined && (typeof options.userAgent !== 'string' || /[\r\n]/.test(options.userAgent))) {
    throw new ConfigurationError({ message: `\`userAgent\` must be a single-line string (got ${typeName(options.userAgent)}).` });
  }
  if (options.validate !== undefined && !['strict', 'warn', 'off'].includes(options.validate)) {
    throw new ConfigurationError({ message: "`validate` must be 'strict', 'warn' or 'off'." });
  }
  const logger = options.logger as unknown;
  if (logger !== undefined) {
    const methods = ['error', 'warn', 'info', 'debug'] as const;
    if (logger === null || typeof logger !== 'object' || methods.some((level) => (logger as Record<string, unknown>)[level] !== undefined && typeof (logger as Record<string, unknown>)[level] !== 'function')) {
      throw new ConfigurationError({ message: `\`logger\` must be a pino-compatible logger, an object whose error, warn, info and debug are functions (got ${typeName(logger)}).` });
    }
  }
  if (options.transport !== undefined && options.fetch !== undefined) {
    throw new ConfigurationError({ message: 'Give either `fetch` or `transport`, not both: `fetch` is shorthand for `transport: kyTransport({ fetch })`.' });
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new ConfigurationError({ message: `\`fetch\` must be a function with the signature of the global fetch (got ${typeName(options.fetch)}).` });
  }
}

