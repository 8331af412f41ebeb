import { readFile } from 'node:fs/promises';
import { UsageError } from './errors';

async function readStdin(): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

async function readNamedFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${reason}`);
  }
}

/** The text of a flag's value: itself, `@file`, or `-` for standard input; and how to name it in messages. */
export async function readTextArgument(source: string, flag: string): Promise<{ text: string; where: string }> {
  if (source === '-') return { text: await readStdin(), where: `${flag} - (standard input)` };
  if (!source.startsWith('@')) return { text: source, where: flag };
  const path = source.slice(1);
  if (path === '') throw new UsageError(`${flag} @ needs a file name, such as ${flag} @server.json`);
  return { text: await readNamedFile(path, `${flag} file`), where: `${flag} file ${JSON.stringify(path)}` };
}

/**
 * The text of a file argument (`cluster.json`, or `-` for standard input); `what` names it in
 * messages, such as "the provisioning file".
 */
export async function readFileArgument(path: string, what: string): Promise<{ text: string; where: string }> {
  if (path === '-') return { text: await readStdin(), where: `${what} (standard input)` };
  return { text: await readNamedFile(path, what), where: `${what} ${JSON.stringify(path)}` };
}

const FLAG_VALUE_FORMS = 'pass JSON text, @file or - for standard input';

/** `--body`: JSON text, `@file` holding JSON, or `-` for JSON on standard input. */
export async function readJsonArgument(source: string, flag = '--body'): Promise<unknown> {
  const { text, where } = await readTextArgument(source, flag);
  return parseJson(text, where, FLAG_VALUE_FORMS);
}

/** Parses JSON text, naming the source and the place of the mistake, then `advice` if any. */
export function parseJson(text: string, where: string, advice?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = (error as Error).message.replace(/^JSON\.parse: /, '').split('\n')[0];
    throw new UsageError(`${where} is not valid JSON (${detail})${advice ? `; ${advice}` : ''}`);
  }
}

/** Reads a file argument (`records.json`, or `-` for standard input) as JSON. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const { text, where } = await readFileArgument(path, what);
  return parseJson(text, where);
}
