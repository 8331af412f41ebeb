/** The command line was wrong: an unknown command or flag, a bad value, an unreadable file. Exit 2. */
export class UsageError extends Error {
  readonly code = 'usage_error';
  /** The help that fits the mistake, such as `virtfusion servers --help`. */
  readonly help: string | undefined;
  constructor(message: string, options: { help?: string } = {}) {
    super(message);
    this.help = options.help;
  }
}

/** The user pressed Ctrl-C (or the process got SIGINT). Exit 130. */
export class InterruptedError extends Error {
  readonly code = 'interrupted';
  constructor() {
    super('interrupted');
  }
}
