/** A parsed command line: positional words and repeated `--name value` options. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

const VALUE_OPTIONS = new Set(['path', 'query', 'body', 'timeout']);

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!VALUE_OPTIONS.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positionals, options, flags };
}

/** Turns repeated `key=value` words into an object; values that look like JSON become JSON. */
export function keyValues(words: readonly string[] | undefined, option: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const word of words ?? []) {
    const at = word.indexOf('=');
    if (at <= 0) throw new UsageError(`--${option} takes key=value, got ${JSON.stringify(word)}`);
    const key = word.slice(0, at).replace(/\[\]$/, '');
    const value = coerce(word.slice(at + 1));
    const previous = out[key];
    out[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return out;
}

function coerce(text: string): unknown {
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}
