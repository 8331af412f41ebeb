/** One level of a {@link Logger}. */
export type LogMethod = (details: Record<string, unknown>, message: string) => void;

/** A pino-compatible logger: each method takes an object of details, then a message. */
export interface Logger {
  debug?: LogMethod;
  info?: LogMethod;
  warn: LogMethod;
  error?: LogMethod;
}

/** What the SDK uses when no logger is given: warnings and errors to the console, nothing else. */
export const consoleLogger: Logger = {
  warn: (details, message) => console.warn(`[virtfusion-sdk] ${message}`, details),
  error: (details, message) => console.error(`[virtfusion-sdk] ${message}`, details),
};
