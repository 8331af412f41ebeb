/**
 * Type-checks every ```ts sample of README.md, CONTRIBUTING.md and docs/*.md against the BUILT
 * package (run `npm run build` first), and runs the samples marked `run` against the emulator.
 * The convention is in CONTRIBUTING.md ("Code samples").
 *
 *   node --import tsx scripts/check-samples.ts            # compile all, run the `run` ones
 *   node --import tsx scripts/check-samples.ts --list     # list the samples and their flags
 *   node --import tsx scripts/check-samples.ts --try-run  # run every sample, to see which could be marked `run`
 *   … --only docs/provider.md                             # only this file's samples
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.cache/samples');
const RUN_TIME_LIMIT_MS = 60_000;
const RUN_CONCURRENCY = Math.min(4, availableParallelism() + 1);

export interface Sample {
  /** The markdown file, relative to the repository. */
  file: string;
  /** The line of the opening fence. */
  line: number;
  code: string;
  flags: Set<string>;
}

/** Every fenced block whose info string starts with `ts` or `typescript`, with the words after it as flags. */
export function extractSamples(file: string, markdown: string): Sample[] {
  const samples: Sample[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/.exec(lines[i] as string);
    if (open === null) continue;
    const [, indent = '', fence = '```', lang = '', rest = ''] = open;
    const end = lines.findIndex((text, j) => j > i && text.trim() === fence);
    if (end < 0) break;
    if (lang === 'ts' || lang === 'typescript') {
      const code = lines.slice(i + 1, end).map((text) => (text.startsWith(indent) ? text.slice(indent.length) : text)).join('\n');
      samples.push({ file, line: i + 1, code, flags: new Set(rest.trim().split(/\s+/).filter(Boolean)) });
    }
    i = end;
  }
  return samples;
}

function markdownFiles(): string[] {
  const docs = existsSync(join(root, 'docs')) ? readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`) : [];
  return ['README.md', 'CONTRIBUTING.md', ...docs.sort()].filter((file) => existsSync(join(root, file)));
}

function sampleName(sample: Sample): string {
  return `${sample.file.replace(/[^\w]+/g, '_')}_L${sample.line}.ts`;
}

function writeProject(samples: Sample[]): void {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // Inside the repository, so that `virtfusion-sdk` resolves through package.json `exports` to
  // dist/ (a self-reference), and the frameworks the guides use resolve from node_modules.
  writeFileSync(join(work, 'prelude.d.ts'), readFileSync(join(root, 'scripts/samples/prelude.d.ts'), 'utf8'));
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        types: ['node'],
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        esModuleInterop: true,
        verbatimModuleSyntax: false,
      },
      include: ['*.ts'],
    }),
  );
  for (const sample of samples) {
    // `export {}` makes every sample a module of its own, with top-level await.
    writeFileSync(join(work, sampleName(sample)), `${sample.code}\nexport {};\n`);
  }
}

function typecheck(samples: Sample[]): string[] {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    return [];
  } catch (error) {
    const output = String((error as { stdout?: string }).stdout ?? error);
    const byName = new Map(samples.map((sample) => [sampleName(sample), sample]));
    // Point each message at the markdown line: `file.ts(3,5): error …` → `docs/x.md:12:5: error …`.
    return output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const match = /^(?:.*\/)?([\w.-]+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
        const sample = match ? byName.get(match[1] as string) : undefined;
        return sample && match ? `${sample.file}:${sample.line + Number(match[2])}:${match[3]}: ${match[4]}` : `  ${line}`;
      });
  }
}

function runOne(sample: Sample, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    const preload = join(root, 'scripts/samples/run-preload.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', preload, join(work, sampleName(sample))], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIME_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? undefined : `exited with ${code}\n${output}`);
    });
  });
}

async function runSample(sample: Sample): Promise<string | undefined> {
  const { startEmulator } = (await import(join(root, 'dist/testing.js'))) as typeof import('../src/testing/index');
  // A fresh emulator per sample, seeded so that the ids the guides use (server 42…) exist.
  const emu = await startEmulator({ seed: { servers: 50 }, buildDuration: 300, taskDuration: 100 }).catch((error: unknown) => error as Error);
  if (emu instanceof Error) return `the emulator did not start: ${emu.message}`;
  const env = { ...process.env, VIRTFUSION_URL: emu.url, VIRTFUSION_TOKEN: emu.token, SAMPLE_EMULATOR_URL: emu.url };
  return runOne(sample, env).finally(() => emu.stop());
}

/**
 * Runs the samples a few at a time (each is a child process that mostly waits on its own
 * emulator) and reports them in document order.
 */
async function runSamples(samples: Sample[]): Promise<string[]> {
  const results: Promise<string | undefined>[] = [];
  const running = new Set<Promise<unknown>>();
  for (const sample of samples) {
    while (running.size >= RUN_CONCURRENCY) await Promise.race(running);
    const result = runSample(sample);
    const slot = result.finally(() => running.delete(slot));
    running.add(slot);
    results.push(result);
  }
  const failures: string[] = [];
  for (const [index, sample] of samples.entries()) {
    const failure = await results[index];
    console.log(`${failure === undefined ? 'ran ' : 'FAIL'} ${sample.file}:${sample.line}`);
    if (failure !== undefined) failures.push(`${sample.file}:${sample.line}: ${failure}`);
  }
  return failures;
}

/** The guides in docs/ that README.md does not link to. */
export function unlinkedGuides(readme: string, guides: readonly string[]): string[] {
  return guides.filter((guide) => !readme.includes(`](${guide})`) && !readme.includes(`](./${guide})`));
}

async function main(): Promise<void> {
  const unlinked = unlinkedGuides(
    readFileSync(join(root, 'README.md'), 'utf8'),
    markdownFiles().filter((file) => file.startsWith('docs/')),
  );
  if (unlinked.length > 0) {
    console.error(`README.md links no guide named ${unlinked.join(', ')}: add each to its "Guides" list.`);
    process.exit(1);
  }
  if (!existsSync(join(root, 'dist/index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first (samples compile against the built package).');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const samples = markdownFiles()
    .filter((file) => only === undefined || file === only)
    .flatMap((file) => extractSamples(file, readFileSync(join(root, file), 'utf8')));
  const checked = samples.filter((sample) => !sample.flags.has('ignore'));
  if (process.argv.includes('--list')) {
    for (const sample of samples) console.log(`${sample.file}:${sample.line} ${[...sample.flags].join(' ') || '(compile)'}`);
    return;
  }
  writeProject(checked);
  const errors = typecheck(checked);
  for (const line of errors) console.error(line);
  const runnable = checked.filter((sample) => sample.flags.has('run') || process.argv.includes('--try-run'));
  const failures = errors.length === 0 ? await runSamples(runnable) : [];
  for (const failure of failures) console.error(failure);
  const ignored = samples.length - checked.length;
  console.log(
    `code samples: ${checked.length} compiled against dist/ (${runnable.length} also run against the emulator)` +
      `${ignored > 0 ? `, ${ignored} marked ignore` : ''}, from ${markdownFiles().map((file) => relative(root, join(root, file))).join(', ')}`,
  );
  if (errors.length > 0 || failures.length > 0) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
