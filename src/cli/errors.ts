/** The command line was wrong: an unknown command or flag, a bad value, an unreadable file. Exit 2. */
export class UsageError extends Error {
  readonly code = 'usage_error';
}

/** The user pressed Ctrl-C (or the process got SIGINT). Exit 130. */
export class InterruptedError extends Error {
  readonly code = 'interrupted';
  constructor() {
    super('interrupted');
  }
}
