import { ConfigurationError } from './errors';

const API_SUFFIX = '/api/v1';

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Turns what a user calls "the panel URL" into the API base: a bare origin, an origin with a
 * sub-path, or a URL that already ends in `/api/v1` all give `<origin>[/sub-path]/api/v1`.
 * `source` names the option or variable the value came from, for the error message.
 */
export function normalizeBaseUrl(
  input: string,
  options: { allowInsecureHttp?: boolean | undefined; source?: string; insecureOptIn?: string },
): URL {
  const source = options.source ?? 'url';
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value is not repeated: a token pasted into the URL setting by mistake would be printed.
    throw new ConfigurationError({
      message: `${source} is not a valid URL (a ${raw.length}-character value, not shown). Give the panel address, for example https://panel.example.com.`,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError({
      message: `${source} must be an https:// URL (got ${url.protocol}//${url.host}).`,
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigurationError({
      message: `${source} must not contain a user name or password; pass the API token as \`token\` instead.`,
    });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigurationError({ message: `${source} must not have a query string or fragment (${url.origin}${url.pathname}).` });
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && options.allowInsecureHttp !== true) {
    throw new ConfigurationError({
      message:
        `${source} uses http:// for ${url.host}, which would send the API token in clear text. ` +
        `Use https://, or ${options.insecureOptIn ?? 'set allowInsecureHttp: true'} if the network path is trusted.`,
    });
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith(API_SUFFIX)) path += API_SUFFIX;
  return new URL(`${url.origin}${path}`);
}
