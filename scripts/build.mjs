// npm run build: a clean dist/ from tsup (arguments go to tsup, e.g. --silent), then the build
// stamp, written last so that an interrupted build leaves a dist/ that scripts/prepare.mjs rebuilds.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT, writeStamp } from './build-stamp.mjs';

let tsup;
try {
  tsup = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('tsup/package.json')), 'dist', 'cli-default.js');
} catch {
  process.stderr.write('error: tsup is not installed; run npm install with the dev dependencies (not --omit=dev)\n');
  process.exit(1);
}

rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsup, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  if (run.error) process.stderr.write(`error: cannot run tsup: ${run.error.message}\n`);
  process.exit(run.status ?? 1);
}
writeStamp();
