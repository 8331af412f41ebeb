// Entry for Node, Bun and Deno: reads the config.json the harness wrote beside it, runs the
// checks and prints one JSON line with the results.
import { runChecks, type SmokeConfig } from './checks';

const configUrl = new URL('./config.json', import.meta.url).href;
const { default: config } = (await import(configUrl, { with: { type: 'json' } })) as { default: SmokeConfig };
console.log(JSON.stringify(await runChecks(config)));
