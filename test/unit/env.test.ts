import { describe, expect, it } from 'vitest';
import { ConfigurationError, VirtFusion } from '../../src/index';
import { TOKEN } from '../helpers/recording-fetch';

describe('VirtFusion.fromEnv', () => {
  it('reads VIRTFUSION_URL and VIRTFUSION_TOKEN', () => {
    const vf = VirtFusion.fromEnv({ env: { VIRTFUSION_URL: 'https://a.example.com', VIRTFUSION_TOKEN: TOKEN } });
    expect(vf.baseUrl).toBe('https://a.example.com/api/v1');
  });

  it('prefers VIRTFUSION_URL over VIRTFUSION_API_URL over VIRTFUSION_HOST', () => {
    const all = { VIRTFUSION_URL: 'https://a.example.com', VIRTFUSION_API_URL: 'https://b.example.com/api/v1', VIRTFUSION_HOST: 'c.example.com', VIRTFUSION_TOKEN: TOKEN };
    expect(VirtFusion.fromEnv({ env: all }).baseUrl).toBe('https://a.example.com/api/v1');
    expect(VirtFusion.fromEnv({ env: { ...all, VIRTFUSION_URL: undefined } }).baseUrl).toBe('https://b.example.com/api/v1');
    expect(VirtFusion.fromEnv({ env: { ...all, VIRTFUSION_URL: '', VIRTFUSION_API_URL: '  ' } }).baseUrl).toBe('https://c.example.com/api/v1');
  });

  it('treats a bare VIRTFUSION_HOST as an https host', () => {
    expect(VirtFusion.fromEnv({ env: { VIRTFUSION_HOST: 'panel.example.com:8443', VIRTFUSION_TOKEN: TOKEN } }).baseUrl).toBe(
      'https://panel.example.com:8443/api/v1',
    );
  });

  it('prefers VIRTFUSION_TOKEN over VIRTFUSION_API_TOKEN', async () => {
    const seen: string[] = [];
    const fetch = async (input: Request) => {
      seen.push(input.headers.get('authorization') ?? '');
      return Response.json([]);
    };
    const env = { VIRTFUSION_URL: 'https://a.example.com', VIRTFUSION_TOKEN: 'first-token', VIRTFUSION_API_TOKEN: 'second-token' };
    await VirtFusion.fromEnv({ env, fetch }).request('GET /connect');
    await VirtFusion.fromEnv({ env: { ...env, VIRTFUSION_TOKEN: undefined }, fetch }).request('GET /connect');
    expect(seen).toEqual(['Bearer first-token', 'Bearer second-token']);
  });

  it('names the missing URL variables', () => {
    expect(() => VirtFusion.fromEnv({ env: { VIRTFUSION_TOKEN: TOKEN } })).toThrow(
      /set VIRTFUSION_URL \(or VIRTFUSION_API_URL \(or VIRTFUSION_HOST\)\)/,
    );
  });

  it('names the missing token variables', () => {
    expect(() => VirtFusion.fromEnv({ env: { VIRTFUSION_URL: 'https://a.example.com' } })).toThrow(/set VIRTFUSION_TOKEN \(or VIRTFUSION_API_TOKEN\)/);
  });

  it('names the variable that holds a malformed URL', () => {
    expect(() => VirtFusion.fromEnv({ env: { VIRTFUSION_API_URL: 'http://panel.example.com', VIRTFUSION_TOKEN: TOKEN } })).toThrow(
      /^VIRTFUSION_API_URL uses http:\/\//,
    );
    expect(() => VirtFusion.fromEnv({ env: { VIRTFUSION_URL: 'https://exa mple.com', VIRTFUSION_TOKEN: TOKEN } })).toThrow(
      /^VIRTFUSION_URL is not a valid URL/,
    );
  });

  it('names the variable that holds a malformed token, without echoing it', () => {
    const secret = 'Bearer abcdefgh12345';
    try {
      VirtFusion.fromEnv({ env: { VIRTFUSION_URL: 'https://a.example.com', VIRTFUSION_API_TOKEN: secret } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/^VIRTFUSION_API_TOKEN starts with "Bearer "/);
      expect((error as Error).message).not.toContain('abcdefgh12345');
    }
  });

  it('reads process.env by default', () => {
    const saved = { ...process.env };
    try {
      process.env.VIRTFUSION_URL = 'https://env.example.com';
      process.env.VIRTFUSION_TOKEN = TOKEN;
      expect(VirtFusion.fromEnv().baseUrl).toBe('https://env.example.com/api/v1');
    } finally {
      process.env = saved;
    }
  });
});
