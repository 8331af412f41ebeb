import { dirname } from 'node:path';
import { normalizeBaseUrl } from '../core/base-url';
import { TOKEN_VARIABLES, URL_VARIABLES } from '../core/env';
import { UsageError } from './errors';
import { checkProfileName, configPath, isExposed, openToOthers, readConfig } from './profiles';
import { keepSecret } from './redaction';

/** The flags every API command takes to find the panel. */
export interface ConnectionFlags {
  url?: string | undefined;
  token?: string | undefined;
  profile?: string | undefined;
}

/** Where the panel and token come from, for `--verbose` and error messages. */
export interface Connection {
  url: string;
  token: string;
  source: string;
  /** Where the URL alone came from: `--url`, a variable's name or `profile NAME`. */
  urlSource: string;
}

/**
 * Checks the panel URL the way the client will, naming where it came from and the flag that
 * allows plain http. Messages show scheme, host and path only.
 */
export function checkPanelUrl(url: string, source: string, allowHttp: boolean): void {
  normalizeBaseUrl(url, { source, allowInsecureHttp: allowHttp, insecureOptIn: 'pass --allow-http' });
}

function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/**
 * Finds the panel URL and token. Each comes from the first of: the `--url`/`--token` flags; the
 * profile named by `--profile`; the environment (`VIRTFUSION_URL`… and `VIRTFUSION_TOKEN`…); the
 * profile named by `VIRTFUSION_PROFILE`, or else the configuration's default profile.
 */
export async function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env, warn: (text: string) => void = () => {}): Promise<Connection> {
  const path = configPath(env);
  const explicit = flags.profile ?? undefined;
  const envUrl = firstSet(env, URL_VARIABLES);
  const envToken = firstSet(env, TOKEN_VARIABLES);
  const needsFile = explicit !== undefined || flags.url === undefined || flags.token === undefined;
  const config = needsFile ? await readConfig(path) : { profiles: {} };
  const named = explicit ?? env.VIRTFUSION_PROFILE?.trim() ?? undefined;
  if (named) checkProfileName(named);
  const profileName = named || config.default || (Object.hasOwn(config.profiles, 'default') ? 'default' : undefined);
  const profile = profileName !== undefined && Object.hasOwn(config.profiles, profileName) ? config.profiles[profileName] : undefined;
  if (named && profile === undefined) {
    throw new UsageError(`there is no profile ${JSON.stringify(named)} in ${path}; create it with: virtfusion login --profile ${named}`);
  }
  if (profile !== undefined && (await isExposed(path))) warn(`warning: ${path} can be read by other users; run chmod 600 ${JSON.stringify(path)}`);
  if (profile !== undefined && (await openToOthers(dirname(path)))) {
    warn(`warning: others can write to ${dirname(path)} and so replace your profiles; run chmod 700 ${JSON.stringify(dirname(path))} (virtfusion login does it)`);
  }

  const fromProfile = explicit !== undefined;
  const pick = (flag: string | undefined, fromEnv: { name: string; value: string } | undefined, stored: string | undefined, what: string) => {
    if (flag !== undefined && flag.trim() !== '') return { value: flag.trim(), source: `--${what}` };
    if (fromProfile && stored) return { value: stored, source: `profile ${profileName}` };
    if (fromEnv) return { value: fromEnv.value, source: fromEnv.name };
    if (stored) return { value: stored, source: `profile ${profileName}` };
    return undefined;
  };
  const url = pick(flags.url, envUrl, profile?.url, 'url');
  const token = pick(flags.token, envToken, profile?.token, 'token');
  if (url === undefined || token === undefined) {
    const missing = url === undefined ? `panel URL (--url or ${URL_VARIABLES[0]})` : `API token (${TOKEN_VARIABLES[0]} or --token)`;
    throw new UsageError(`no ${missing}: set it, or save a profile with virtfusion login --profile NAME`);
  }
  keepSecret(token.value);
  return { url: url.value, token: token.value, source: url.source === token.source ? url.source : `${url.source} and ${token.source}`, urlSource: url.source };
}
