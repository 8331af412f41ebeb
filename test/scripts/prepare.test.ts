// npm's prepare in a clone: scripts/prepare.mjs builds dist/ only when it is missing, stale or
// half-written, judged by the content hash in dist/.build-stamp.json. Run here in a scratch copy
// of the scripts with a stand-in tsup that records each run, so every case is a real process.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPTS = new URL('../../scripts/', import.meta.url);

// Writes dist/ the way tsup does (several files), or fails like a type error when FAIL_BUILD is set.
const FAKE_TSUP = `
const fs = require('node:fs');
fs.appendFileSync('runs.log', 'build\\n');
if (process.env.FAIL_BUILD === 'esbuild') {
  console.error('\\u001b[31m✘ [\\u001b[41;31mERROR\\u001b[41;97m] \\u001b[0m\\u001b[1mUnexpected ";"\\u001b[0m\\n\\n    src/version.ts:5:22:\\n      5 │ export const broken = ;\\n        ╵                       ^\\n');
  process.exit(1);
}
if (process.env.FAIL_BUILD) {
  console.error('src/index.ts(1,7): error TS2322: Type "string" is not assignable to type "number".');
  console.error('Error: error occurred in dts build');
  process.exit(1);
}
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/index.js', 'export const answer = 42;\\n');
fs.writeFileSync('dist/index.d.ts', 'export declare const answer: number;\\n');
`;

let root: string;

function run(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const builds = () => readFileSync(join(root, 'runs.log'), 'utf8').split('\n').filter(Boolean).length;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vf-prepare-'));
  mkdirSync(join(root, 'scripts'));
  for (const name of ['build-stamp.mjs', 'build.mjs', 'prepare.mjs']) copyFileSync(new URL(name, SCRIPTS), join(root, 'scripts', name));
  mkdirSync(join(root, 'src', 'core'), { recursive: true });
  writeFileSync(join(root, 'src', 'index.ts'), 'export const answer = 42;\n');
  writeFileSync(join(root, 'src', 'core', 'util.ts'), 'export const x = 1;\n');
  writeFileSync(join(root, 'package.json'), '{ "name": "scratch", "version": "1.0.0" }\n');
  mkdirSync(join(root, 'node_modules', 'tsup', 'dist'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'tsup', 'package.json'), '{ "name": "tsup", "version": "0.0.0" }\n');
  writeFileSync(join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), FAKE_TSUP);
  writeFileSync(join(root, 'runs.log'), '');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

// Each case starts several node processes: seconds on a loaded machine.
describe('prepare', { timeout: 60_000 }, () => {
  it('builds a missing dist/, then leaves a fresh one alone', () => {
    const first = run('prepare.mjs');
    expect(first).toMatchObject({ status: 0, stdout: 'virtfusion-sdk: building dist/ (dist/ is missing)\n' });
    expect(readFileSync(join(root, 'dist', 'index.js'), 'utf8')).toContain('42');
    expect(run('prepare.mjs')).toMatchObject({ status: 0, stdout: 'virtfusion-sdk: dist/ is up to date, not rebuilt\n' });
    expect(builds()).toBe(1);
  });

  it('judges by content: new modification times alone (a checkout) rebuild nothing, a changed source does', () => {
    run('prepare.mjs');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'index.ts'), later, later);
    expect(run('prepare.mjs').stdout).toContain('up to date');
    writeFileSync(join(root, 'src', 'core', 'util.ts'), 'export const x = 2;\n');
    expect(run('prepare.mjs').stdout).toBe('virtfusion-sdk: building dist/ (the sources changed since dist/ was built)\n');
    expect(builds()).toBe(2);
  });

  it('rebuilds after a change to package.json (the version is compiled in)', () => {
    run('prepare.mjs');
    writeFileSync(join(root, 'package.json'), '{ "name": "scratch", "version": "1.0.1" }\n');
    expect(run('prepare.mjs').stdout).toContain('the sources changed');
    expect(builds()).toBe(2);
  });

  it('rebuilds a half-written dist/: a build stopped before its stamp, or a file cut short', () => {
    run('prepare.mjs');
    truncateSync(join(root, 'dist', 'index.js'), 3);
    expect(run('prepare.mjs').stdout).toBe('virtfusion-sdk: building dist/ (dist/index.js is not the file the build wrote)\n');
    rmSync(join(root, 'dist', '.build-stamp.json'));
    expect(run('prepare.mjs').stdout).toBe('virtfusion-sdk: building dist/ (dist/ has no build stamp (an interrupted or older build))\n');
    rmSync(join(root, 'dist', 'index.d.ts'));
    expect(run('prepare.mjs').stdout).toBe('virtfusion-sdk: building dist/ (dist/index.d.ts is missing)\n');
    expect(builds()).toBe(4);
    expect(run('prepare.mjs').stdout).toContain('up to date');
  });

  it('a failed build leaves no stamp, says why in one line and fails the install', () => {
    const failed = run('prepare.mjs', [], { FAIL_BUILD: '1' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe(
      'virtfusion-sdk: prepare cannot build dist/: src/index.ts(1,7): error TS2322: Type "string" is not assignable to type "number". (full output: .cache/build.log)\n',
    );
    expect(readFileSync(join(root, '.cache', 'build.log'), 'utf8')).toContain('error occurred in dts build');
    expect(run('build-stamp.mjs', ['check'])).toMatchObject({ status: 1 });
    expect(run('prepare.mjs')).toMatchObject({ status: 0, stdout: expect.stringContaining('building dist/') });
  });

  it('a syntax error is named with its place, as esbuild reports it', () => {
    const failed = run('prepare.mjs', [], { FAIL_BUILD: 'esbuild' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe('virtfusion-sdk: prepare cannot build dist/: src/version.ts:5:22: Unexpected ";" (full output: .cache/build.log)\n');
  });

  it('without tsup (installed with --omit=dev) says so in one line and fails', () => {
    rmSync(join(root, 'node_modules'), { recursive: true });
    const failed = run('prepare.mjs');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe('virtfusion-sdk: prepare cannot build dist/: tsup is not installed; run npm install with the dev dependencies (not --omit=dev) (full output: .cache/build.log)\n');
  });
});
