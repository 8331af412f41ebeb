import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

export interface Prompter {
  ask(question: string, options?: { hidden?: boolean }): Promise<string>;
  close(): void;
}

/**
 * Questions on the terminal, on standard error; or, without a terminal, lines read from piped
 * standard input, one per question and with no question printed (one reader for all of them, so
 * no line is lost between two questions).
 */
export function createPrompter(): Prompter {
  let muted = false;
  const tty = process.stdin.isTTY === true;
  // Typed characters of a hidden answer are swallowed rather than echoed.
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk as Buffer);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  const lines = tty ? undefined : rl[Symbol.asyncIterator]();
  return {
    async ask(question, options = {}) {
      if (lines !== undefined) {
        const next = await lines.next();
        return next.done ? '' : String(next.value).trim();
      }
      const answer = rl.question(question);
      muted = options.hidden === true;
      try {
        return (await answer).trim();
      } finally {
        if (muted) process.stderr.write('\n');
        muted = false;
      }
    },
    close: () => rl.close(),
  };
}

/** A yes/no question; only `y` or `yes` is a yes. */
export async function confirm(question: string): Promise<boolean> {
  const prompter = createPrompter();
  try {
    return /^(y|yes)$/i.test(await prompter.ask(question));
  } finally {
    prompter.close();
  }
}
