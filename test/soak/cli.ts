import { parseArgs } from 'node:util';
import { runSoak, type SoakFigures } from './run-soak';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'in-flight': { type: 'string', default: '16' },
    'fault-rate': { type: 'string', default: '0.2' },
    json: { type: 'boolean', default: false },
  },
});

function whole(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1 (got ${text})`);
  return value;
}

function table(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '  (none)' : entries.map(([key, count]) => `  ${key.padEnd(28)} ${count}`).join('\n');
}

function print(figures: SoakFigures): void {
  const byKind = Object.fromEntries(Object.entries(figures.byKind).map(([kind, { ok, failed }]) => [kind, `${ok} ok, ${failed} failed`]));
  const lines = [
    `soak: seed ${figures.seed}, ${figures.ops} operations, ${figures.inFlight} in flight, fault rate ${figures.faultRate}`,
    `duration                       ${(figures.durationMs / 1000).toFixed(1)} s`,
    `requests received by the panel ${figures.requests}`,
    `retries                        ${figures.retries}`,
    'operations by kind:',
    Object.entries(byKind).sort(([a], [b]) => a.localeCompare(b)).map(([kind, text]) => `  ${kind.padEnd(28)} ${text}`).join('\n'),
    'faults injected:',
    table(figures.faultsInjected),
    'typed errors by class:',
    table(figures.typedErrors),
    `duplicated creates             ${figures.duplicates}`,
    `POSTs sent more than once      ${figures.postsResent}`,
    `untyped throws                 ${figures.untyped}`,
    `unhandled rejections           ${figures.unhandled}`,
    `hangs                          ${figures.hangs}`,
    `applied writes misreported     ${figures.misreportedApplied}`,
    `unreadable answers misstated   ${figures.unreadableMisstated}`,
    `token leaks                    ${figures.tokenLeaks}`,
  ];
  console.log(lines.join('\n'));
  for (const [name, samples] of Object.entries(figures.samples)) {
    if (samples.length === 0) continue;
    console.log(`\nsamples of ${name}:`);
    for (const sample of samples) console.log(`  ${typeof sample === 'string' ? sample : `#${sample.opId} ${sample.kind}: ${sample.what}`}`);
  }
}

const figures = await runSoak({
  seed: /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed,
  ops: whole('ops', values.ops),
  inFlight: whole('in-flight', values['in-flight']),
  faultRate: Number(values['fault-rate']),
});
if (values.json) console.log(JSON.stringify(figures, null, 2));
else print(figures);
const failed = figures.duplicates + figures.postsResent + figures.untyped + figures.unhandled + figures.hangs + figures.misreportedApplied + figures.unreadableMisstated + figures.tokenLeaks;
process.exitCode = failed === 0 ? 0 : 1;
