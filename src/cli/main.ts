import { EXIT, exitCodeFor } from './exit-codes';
import { UsageError } from './errors';
import { installInterruptHandler, wasInterrupted } from './interrupt';
import { reportError } from './report';

/** A reader that went away (`virtfusion servers list | head -1`) ends the command quietly, with 0. */
function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
}

interface CommanderErrorLike {
  code: string;
  exitCode: number;
  message: string;
}

function isCommanderError(error: unknown): error is CommanderErrorLike {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('commander.');
}

/** Commander's two-line messages (`error: …` then `(Did you mean …?)`) as one line, with the help of the command that failed. */
function commanderUsage(error: CommanderErrorLike, failed: import('commander').Command | undefined): UsageError {
  const text = error.message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return new UsageError(text, { help: `${failed === undefined ? 'virtfusion' : commandPath(failed)} --help` });
}

function commandPath(command: import('commander').Command): string {
  const names: string[] = [];
  for (let c: import('commander').Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export async function main(argv: readonly string[]): Promise<void> {
  exitQuietlyOnClosedStdout();
  const json = argv.includes('--json') || argv.includes('--ndjson');
  let failed: import('commander').Command | undefined;
  try {
    if (argv[0] === 'emulator') {
      const { runEmulatorCommand } = await import('./emulator-command');
      process.exitCode = await runEmulatorCommand(argv.slice(1));
      return;
    }
    installInterruptHandler();
    const { buildProgram } = await import('./program');
    const program = buildProgram();
    for (const command of [program, ...allCommands(program)]) {
      command
        .exitOverride((error) => {
          failed = command;
          throw error;
        })
        .configureOutput({ outputError: () => {} });
    }
    await program.parseAsync([...argv], { from: 'user' });
    process.exitCode = EXIT.ok;
  } catch (caught) {
    let error = caught;
    if (isCommanderError(caught)) {
      if (caught.exitCode === 0 || caught.code === 'commander.helpDisplayed' || caught.code === 'commander.version') {
        process.exitCode = EXIT.ok;
        return;
      }
      // Help shown because a command group was given no command: a usage mistake.
      if (caught.code === 'commander.help' || caught.code === 'commander.executeSubCommandAsync') {
        process.exitCode = EXIT.usage;
        return;
      }
      error = commanderUsage(caught, failed);
    }
    process.exitCode = exitCodeFor(error, wasInterrupted());
    reportError(error, { json, exitCode: Number(process.exitCode) });
  }
}

function allCommands(command: import('commander').Command): import('commander').Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}
