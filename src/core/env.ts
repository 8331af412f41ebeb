import { ConfigurationError } from './errors';

/** Where `VirtFusion.fromEnv()` looks, in order of precedence: the first one set wins. */
export const URL_VARIABLES = ['VIRTFUSION_URL', 'VIRTFUSION_API_URL', 'VIRTFUSION_HOST'] as const;
/** Token variables, in order of precedence. */
export const TOKEN_VARIABLES = ['VIRTFUSION_TOKEN', 'VIRTFUSION_API_TOKEN'] as const;

export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface EnvSettings {
  url: string;
  urlVariable: string;
  token: string;
  tokenVariable: string;
}

function firstSet(env: EnvSource, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}

export function defaultEnv(): EnvSource {
  const processEnv = (globalThis as { process?: { env?: EnvSource } }).process?.env;
  return processEnv ?? {};
}

/** Reads the panel URL and token from environment variables, naming the variable in every error. */
export function readEnvSettings(env: EnvSource): EnvSettings {
  const url = firstSet(env, URL_VARIABLES);
  if (url === undefined) {
    throw new ConfigurationError({
      message: `No VirtFusion panel URL in the environment: set ${URL_VARIABLES.join(' (or ')}${')'.repeat(URL_VARIABLES.length - 1)}, for example VIRTFUSION_URL=https://panel.example.com.`,
    });
  }
  const token = firstSet(env, TOKEN_VARIABLES);
  if (token === undefined) {
    throw new ConfigurationError({
      message: `No VirtFusion API token in the environment: set ${TOKEN_VARIABLES[0]} (or ${TOKEN_VARIABLES[1]}) to a token made in the panel under Configuration → API.`,
    });
  }
  const urlValue = /^[a-z][a-z0-9+.-]*:\/\//i.test(url.value) ? url.value : `https://${url.value}`;
  return { url: urlValue, urlVariable: url.name, token: token.value, tokenVariable: token.name };
}
