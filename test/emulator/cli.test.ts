import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emulatorOptions } from '../../src/cli/emulator-command';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('virtfusion emulator (the bin)', () => {
  it('starts, answers GET /connect with the printed token, and stops on SIGTERM', async () => {
    // One process (node with the tsx loader) rather than `npx tsx`, so that SIGTERM reaches the command itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'emulator', '--port', '0', '--seed', 'default', '--token', 'cli-test-token'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed within 20 s; output so far:\n${stdout}`)), 20_000);
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          const match = /^\s*url\s+(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(stdout);
          if (match && /Press Ctrl\+C/.test(stdout)) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}:\n${stdout}`)));
      });
      expect(stdout).toMatch(/^\s*token\s+cli-test-token\s*$/m);
      expect(stdout).toContain(`  inspector ${url}/_emulator/\n`);
      const inspector = await fetch(`${url}/_emulator/api/journal`);
      expect(inspector.status).toBe(200);
      const response = await fetch(`${url}/api/v1/connect`, { headers: { authorization: 'Bearer cli-test-token' } });
      expect([response.status, await response.text()]).toEqual([200, '[]']);
      const refused = await fetch(`${url}/api/v1/connect`, { headers: { authorization: 'Bearer other' } });
      expect(refused.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000))]);
    if (code === 'hung') child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Stopped \(SIGTERM\); 2 requests served\./);
  }, 40_000);

  it('reads its options', () => {
    expect(emulatorOptions(['--port', '4011', '--servers', '10000', '--random', '9', '--rate-limit', '120', '--build-duration=2000', '--webhook', 'http://127.0.0.1:9/h', '--webhook-token', 's'])).toEqual({
      port: 4011,
      host: '127.0.0.1',
      seed: { servers: 10_000, random: 9 },
      rateLimit: { perMinute: 120 },
      buildDuration: 2000,
      webhooks: [{ url: 'http://127.0.0.1:9/h', token: 's' }],
    });
    expect(emulatorOptions([])).toMatchObject({ port: 4010, seed: {} });
    expect(emulatorOptions(['--help'])).toBe('help');
    expect(() => emulatorOptions(['--seed', 'huge'])).toThrow(/--seed is 'default' or 'empty'/);
    expect(() => emulatorOptions(['--port', 'x'])).toThrow(/whole number/);
    expect(() => emulatorOptions(['--colour'])).toThrow(/unknown emulator option --colour/);
  });
});
