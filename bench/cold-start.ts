// Whole-process cold start: `node -e ""` against a process that only imports an entry, from the
// built package (dist/), each spawned fresh, interleaved round by round.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { atMost, type Row } from './report';
import { median } from './timing';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function run(code: string): number {
  const start = performance.now();
  const { status, stderr } = spawnSync(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (status !== 0) throw new Error(`cold-start probe failed: ${code}\n${stderr.toString()}`);
  return performance.now() - start;
}

export async function coldStart(quick: boolean): Promise<Row[]> {
  const probes = {
    'node -e ""': '',
    'virtfusion-sdk': `await import(${JSON.stringify(`${dist}index.js`)})`,
    'virtfusion-sdk/webhooks': `await import(${JSON.stringify(`${dist}webhooks.js`)})`,
    ky: "await import('ky')",
    axios: "await import('axios')",
    'openapi-fetch': "await import('openapi-fetch')",
  };
  const rounds = quick ? 5 : 21;
  const ratios: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((name) => [name, []]));
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((name) => [name, []]));
  for (const code of Object.values(probes)) run(code);
  for (let round = 0; round < rounds; round += 1) {
    const empty = run('');
    for (const [name, code] of Object.entries(probes)) {
      const ms = name === 'node -e ""' ? empty : run(code);
      times[name]!.push(ms);
      ratios[name]!.push(ms / empty);
    }
  }
  const row = (name: string, target?: number): Row => {
    const ratio = median(ratios[name]!);
    return {
      what: `cold import('${name}'), whole process, vs node -e ""`,
      measured: `${median(times[name]!).toFixed(0)} ms vs ${median(times['node -e ""']!).toFixed(0)} ms`,
      ratio,
      target: target === undefined ? '' : `≤ ${target}×`,
      met: target === undefined ? undefined : atMost(ratio, target),
    };
  };
  return [row('virtfusion-sdk', 3), row('virtfusion-sdk/webhooks', 1.5), row('ky'), row('axios'), row('openapi-fetch')];
}
