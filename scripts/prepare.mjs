// npm's prepare (every npm install in a clone): builds dist/ only when it is missing, stale or
// half-written (see build-stamp.mjs). A build that fails fails the install with one line saying why.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, staleReason } from './build-stamp.mjs';

const reason = staleReason();
if (reason === undefined) {
  process.stdout.write('virtfusion-sdk: dist/ is up to date, not rebuilt\n');
  process.exit(0);
}
process.stdout.write(`virtfusion-sdk: building dist/ (${reason})\n`);
const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--silent'], { cwd: ROOT, encoding: 'utf8' });
if (build.status === 0) process.exit(0);

const output = `${build.stdout ?? ''}${build.stderr ?? ''}${build.error ? `${build.error.message}\n` : ''}`;
const log = join(ROOT, '.cache', 'build.log');
mkdirSync(join(ROOT, '.cache'), { recursive: true });
writeFileSync(log, output);
// eslint-disable-next-line no-control-regex
const lines = output.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((line) => line.trim()).filter(Boolean);
const at = lines.findIndex((line) => /error/i.test(line));
let said = at === -1 ? (lines.at(-1) ?? `the build exited with ${build.status ?? build.signal}`) : lines[at].replace(/^(✘ \[ERROR\]|error:)\s*/i, '');
// esbuild puts the place on the line after the message: `src/file.ts:5:22:`.
const place = at === -1 ? undefined : /^(\S+:\d+:\d+):$/.exec(lines[at + 1] ?? '')?.[1];
if (place !== undefined) said = `${place}: ${said}`;
process.stderr.write(`virtfusion-sdk: prepare cannot build dist/: ${said} (full output: ${relative(process.cwd(), log) || log})\n`);
process.exit(1);
