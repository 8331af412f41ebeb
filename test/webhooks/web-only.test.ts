import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const webhooksDir = join(root, 'src/webhooks');
/** Packages the webhooks module may import: none (not even zod, to stay a few kilobytes on edge runtimes). */
const ALLOWED_PACKAGES = new Set<string>();
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, name.split('/')[0] as string]));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

function specifiersOf(source: string): string[] {
  const code = withoutComments(source);
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s+['"]([^'"]+)['"]/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] as string));
}

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const candidate = [base, `${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path) && statSync(path).isFile());
  if (candidate === undefined) throw new Error(`${relative(root, from)} imports ${specifier}, which does not resolve`);
  return candidate;
}

/** Every file of src/webhooks plus every file they reach through relative imports. */
function reachableFiles(): Map<string, string> {
  const sources = new Map<string, string>();
  const queue = filesUnder(webhooksDir);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (sources.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    sources.set(file, source);
    for (const specifier of specifiersOf(source)) if (specifier.startsWith('.')) queue.push(resolveRelative(file, specifier));
  }
  return sources;
}

describe('the webhooks module uses Web platform APIs only', () => {
  const sources = reachableFiles();

  it('reaches its own files and the core errors it builds on', () => {
    const files = [...sources.keys()].map((file) => relative(root, file));
    expect(files).toContain('src/webhooks/index.ts');
    expect(files).toContain('src/webhooks/verify.ts');
    expect(files).toContain('src/core/errors.ts');
  });

  it.each([...reachableFiles().keys()].map((file) => relative(root, file)))('%s has no Buffer, node: import, Node built-in or Node global', (file) => {
    const source = sources.get(join(root, file)) as string;
    expect(source).not.toMatch(/\bBuffer\b/);
    const code = withoutComments(source);
    expect(code).not.toMatch(/\bprocess\s*\./);
    expect(code).not.toMatch(/\b__dirname\b|\b__filename\b|\bsetImmediate\b/);
    for (const specifier of specifiersOf(source)) {
      if (specifier.startsWith('.')) continue;
      expect(specifier.startsWith('node:'), `${file} imports ${specifier}`).toBe(false);
      expect(NODE_BUILTINS.has(specifier.split('/')[0] as string), `${file} imports the Node built-in ${specifier}`).toBe(false);
      expect(ALLOWED_PACKAGES.has(specifier), `${file} imports ${specifier}, not known to be Web-only`).toBe(true);
    }
  });

  it('the checks catch what they look for', () => {
    expect(specifiersOf("import { readFile } from 'node:fs';\nimport x from \"crypto\";\nconst y = require('stream');")).toEqual(['node:fs', 'crypto', 'stream']);
    expect(specifiersOf("/** import { a } from 'node:http' */\n// import b from 'http'\n")).toEqual([]);
    expect(NODE_BUILTINS.has('crypto') && NODE_BUILTINS.has('fs')).toBe(true);
    expect('const b = Buffer.from(x)').toMatch(/\bBuffer\b/);
    expect('new ArrayBuffer(8)').not.toMatch(/\bBuffer\b/);
  });
});
