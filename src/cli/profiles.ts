import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from './errors';

/** One named panel connection. */
export interface Profile {
  url: string;
  token: string;
}

/** `$XDG_CONFIG_HOME/virtfusion/config.json`. */
export interface ConfigFile {
  /** The profile used when none is named and the environment names no panel. */
  default?: string | undefined;
  profiles: Record<string, Profile>;
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'virtfusion', 'config.json');
}

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) throw new UsageError(`profile names hold letters, digits, dots, hyphens and underscores (got ${JSON.stringify(name)})`);
  return name;
}

/** Reads the configuration file; a missing file is an empty configuration. */
export async function readConfig(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    // Not the command line's fault: the machine's files are in a state the command cannot use.
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not valid JSON; fix it or run virtfusion login again`);
  }
  const profiles = (parsed as { profiles?: unknown } | null)?.profiles;
  if (profiles === null || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new UsageError(`${path} has no "profiles" object; fix it or run virtfusion login again`);
  }
  const fallback = (parsed as { default?: unknown }).default;
  return { ...(typeof fallback === 'string' ? { default: fallback } : {}), profiles: profiles as Record<string, Profile> };
}

/** True when others than the owner may read the file (it holds tokens). */
export async function isExposed(path: string): Promise<boolean> {
  try {
    return ((await stat(path)).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

/** True when others than the owner may write to the folder (and so swap the configuration file). */
export async function openToOthers(folder: string): Promise<boolean> {
  try {
    return ((await stat(folder)).mode & 0o022) !== 0;
  } catch {
    return false;
  }
}

/**
 * Makes an existing configuration folder its owner's alone (0700), as a new one is created; says
 * what it changed. A folder of another user is refused, since its owner could swap the file.
 */
export async function secureConfigFolder(folder: string): Promise<string | undefined> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(folder);
  } catch {
    return undefined;
  }
  const mode = info.mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new UsageError(`${folder} belongs to another user and is open to others (mode ${mode.toString(8).padStart(4, '0')}); the token will not be saved there. Set XDG_CONFIG_HOME to a folder of your own`);
  }
  await chmod(folder, 0o700);
  return `${folder} was open to other users (mode ${mode.toString(8).padStart(4, '0')}); it is now 0700, readable and writable by you alone`;
}

/** Writes the configuration readable by its owner only (0600, in a 0700 folder), replacing it whole. */
export async function writeConfig(path: string, config: ConfigFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
