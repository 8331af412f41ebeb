import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/testing';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built bin, as users run it (`npm run build` first). */
export const BIN = join(ROOT, 'dist', 'cli.js');
/** A token no output of the CLI may ever contain. */
export const SECRET_TOKEN = 'vf-cli-secret-Zq8Xk2Lm9Pw4Rt6Yu1';

export function requireBuiltBin(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build before the CLI tests`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Every stream every child wrote, for the check that the token never appears. */
export const transcript: string[] = [];

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Called once the child started (to signal it, say). */
  onSpawn?: (child: ChildProcess) => void;
  /** Resolves early when stdout or stderr matches. */
  timeoutMs?: number;
  shell?: boolean;
}

/** A clean environment: no panel settings leak in from the machine running the tests. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'vf-cli-home-'));
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1', ...extra };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Runs `node dist/cli.js …args` (or a shell line with `shell: true`) and collects what it printed. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  requireBuiltBin();
  const child = options.shell
    ? spawn('bash', ['-o', 'pipefail', '-c', args.join(' ')], { cwd: ROOT, env: options.env ?? baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: options.env ?? baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (options.input !== undefined) child.stdin!.end(options.input);
  else child.stdin!.end();
  options.onSpawn?.(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`virtfusion ${args.join(' ')} did not end within ${options.timeoutMs ?? 30_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      transcript.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Resolves when the child's output matches. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; got: ${seen}`)), timeoutMs);
    const onData = (chunk: Buffer | string) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

/** An emulator that accepts only {@link SECRET_TOKEN}, with quick builds and tasks. */
export function cliEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ tokens: [SECRET_TOKEN], buildDuration: 300, taskDuration: 200, ...options });
}

/** Environment pointing the CLI at an emulator. */
export function panelEnv(emu: Emulator, extra: Record<string, string | undefined> = {}): Record<string, string> {
  return baseEnv({ VIRTFUSION_URL: emu.url, VIRTFUSION_TOKEN: emu.token, ...extra });
}

/** The token, and its base64 form (how a Bearer header could leak), found in any output. */
export function leaks(texts: readonly string[]): string[] {
  const forms = [SECRET_TOKEN, Buffer.from(SECRET_TOKEN).toString('base64'), SECRET_TOKEN.slice(8)];
  return texts.filter((text) => forms.some((form) => text.includes(form)));
}

export function parseNdjson(text: string): unknown[] {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
}
