import { UsageError } from '../errors';
import { interruptSignal } from '../interrupt';
import { createPrompter } from '../prompt';
import { dirname } from 'node:path';
import { checkProfileName, configPath, readConfig, secureConfigFolder, writeConfig } from '../profiles';
import { keepSecret } from '../redaction';
import { outputFor, type GlobalFlags } from '../session';
import { checkPanelUrl } from '../settings';

/**
 * `login --profile NAME`: asks for the panel URL and token (the token without echo), checks them
 * with GET /connect, and saves them in the configuration file, readable by its owner only.
 */
export async function login(flags: GlobalFlags & { default?: boolean }): Promise<void> {
  const name = checkProfileName(flags.profile ?? 'default');
  const out = outputFor(flags);
  const path = configPath();
  const config = await readConfig(path);
  const prompter = createPrompter();
  let url: string;
  let token: string;
  try {
    const known = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
    url = flags.url ?? ((await prompter.ask(`Panel URL${known ? ` [${known.url}]` : ''}: `)) || known?.url || '');
    if (url === '') throw new UsageError('login needs the panel URL, such as https://panel.example.com');
    token = (await prompter.ask('API token (Configuration → API in the panel): ', { hidden: true }));
    if (token === '') throw new UsageError('login needs an API token');
  } finally {
    prompter.close();
  }
  keepSecret(token);
  checkPanelUrl(url, flags.url === undefined ? 'the panel URL' : '--url', flags.allowHttp === true);
  const { VirtFusion } = await import('../../client');
  const vf = new VirtFusion({ url, token, middleware: [], userAgent: 'virtfusion-cli', allowInsecureHttp: flags.allowHttp === true });
  await vf.connect({ signal: interruptSignal });
  const tightened = await secureConfigFolder(dirname(path));
  if (tightened !== undefined) process.stderr.write(`virtfusion: ${tightened}\n`);
  config.profiles[name] = { url: vf.baseUrl.replace(/\/api\/v1$/, ''), token };
  if (flags.default || config.default === undefined) config.default = name;
  await writeConfig(path, config);
  if (out.format === 'json' || out.format === 'ndjson') await out.json({ profile: name, url: config.profiles[name]!.url, default: config.default === name, path });
  else await out.note(`Profile ${name} saved to ${path} (${config.profiles[name]!.url}${config.default === name ? ', the default' : ''}).`);
}
