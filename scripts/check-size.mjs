// Bundle-size budgets, checked in CI after the build: each case is a small app bundled from
// dist/ by esbuild (minified, tree-shaken, for the browser/edge so that nothing is left external
// but node: built-ins and the optional ioredis), then gzipped. Fails when a case is over budget.
//   node scripts/check-size.mjs [--json]
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const budgets = JSON.parse(readFileSync(join(root, 'size-budgets.json'), 'utf8'));

/** Gzipped bytes of `source` bundled from the project root, and of the chunks it loads lazily. */
export async function measure(source) {
  const dir = mkdtempSync(join(tmpdir(), 'vf-size-'));
  try {
    const result = await build({
      stdin: { contents: rewrite(source), resolveDir: root, sourcefile: 'app.mjs', loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      splitting: true,
      outdir: join(dir, 'out'),
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['import', 'default'],
      external: ['node:*', 'ioredis'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    let entryBytes = 0;
    let lazyBytes = 0;
    for (const file of result.outputFiles) {
      const gz = gzipSync(file.contents, { level: 9 }).length;
      if (file.path.endsWith('stdin.js')) entryBytes += gz;
      else lazyBytes += gz;
    }
    return { entryBytes, lazyBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `virtfusion-sdk` and its subpaths point at the built files of this checkout. */
function rewrite(source) {
  return source.replace(/(['"])virtfusion-sdk(\/[a-z]+)?\1/g, (_, quote, sub) => `${quote}${root}dist/${sub ? sub.slice(1) : 'index'}.js${quote}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  let failed = false;
  for (const budget of budgets) {
    const { entryBytes, lazyBytes } = await measure(budget.app);
    const ok = entryBytes <= budget.limitBytes;
    failed ||= !ok;
    rows.push({ name: budget.name, kB: +(entryBytes / 1000).toFixed(1), lazyKB: +(lazyBytes / 1000).toFixed(1), limitKB: budget.limitBytes / 1000, ok });
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  else {
    console.log(`${'bundle (esbuild, minified, gzip)'.padEnd(52)} ${'size'.padStart(8)} ${'lazy chunks'.padStart(12)} ${'budget'.padStart(8)}`);
    for (const row of rows) {
      console.log(`${row.name.padEnd(52)} ${`${row.kB} kB`.padStart(8)} ${`${row.lazyKB} kB`.padStart(12)} ${`${row.limitKB} kB`.padStart(8)} ${row.ok ? 'ok' : 'OVER BUDGET'}`);
    }
  }
  if (failed) {
    console.error('A bundle is over its size budget (size-budgets.json).');
    process.exit(1);
  }
}
