import { describe, expect, it } from 'vitest';
import { ConfigurationError, VirtFusion } from '../../src/index';
import { TOKEN } from '../helpers/recording-fetch';

const baseOf = (url: string, allowInsecureHttp?: boolean) => new VirtFusion({ url, token: TOKEN, allowInsecureHttp }).baseUrl;

describe('panel URL', () => {
  it.each([
    ['https://panel.example.com', 'https://panel.example.com/api/v1'],
    ['https://panel.example.com/', 'https://panel.example.com/api/v1'],
    ['https://panel.example.com/api/v1', 'https://panel.example.com/api/v1'],
    ['https://panel.example.com/api/v1/', 'https://panel.example.com/api/v1'],
    ['https://panel.example.com:8443', 'https://panel.example.com:8443/api/v1'],
    ['https://example.com/vf', 'https://example.com/vf/api/v1'],
    ['  https://panel.example.com  ', 'https://panel.example.com/api/v1'],
    ['http://localhost:4010', 'http://localhost:4010/api/v1'],
    ['http://127.0.0.1:4010/api/v1', 'http://127.0.0.1:4010/api/v1'],
    ['http://[::1]:4010', 'http://[::1]:4010/api/v1'],
  ])('%s becomes %s', (input, expected) => {
    expect(baseOf(input)).toBe(expected);
  });

  it('refuses http:// to a remote host unless allowInsecureHttp is set', () => {
    expect(() => baseOf('http://panel.example.com')).toThrow(ConfigurationError);
    expect(() => baseOf('http://panel.example.com')).toThrow(/clear text.*allowInsecureHttp/);
    expect(baseOf('http://panel.example.com', true)).toBe('http://panel.example.com/api/v1');
  });

  it.each([
    ['panel.example.com', /not a valid URL/],
    ['ftp://panel.example.com', /must be an https:\/\/ URL/],
    ['https://user:pw@panel.example.com', /user name or password/],
    ['https://panel.example.com/?x=1', /query string/],
    ['', /`url` is missing/],
  ])('rejects %j with a message that says what to change', (input, message) => {
    expect(() => baseOf(input)).toThrow(message);
  });

  it('names the option in configuration errors', () => {
    try {
      baseOf('nope');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).code).toBe('configuration_error');
      expect((error as Error).message).toMatch(/^`url` is not a valid URL/);
    }
  });
});
