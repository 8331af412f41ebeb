// Checks the SkyPanel adapter against a SkyPanelV2 checkout as it is: copies the fork's own
// api/services/providers/IProviderService.ts into a scratch folder, adds 'virtfusion' to its
// ProviderType union (the one change an adopter makes), and compiles, under strict,
// `const service: IProviderService = toSkyPanelProvider(createVirtFusionProvider(…), …)`.
//
//   node --import tsx scripts/check-skypanel-fork.ts ../skypanelv2 [../another-fork …]
//
// Exits 1, printing the compiler's words, when the adapter does not fit a fork.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const forks = process.argv.slice(2);
if (forks.length === 0) {
  console.error('usage: node --import tsx scripts/check-skypanel-fork.ts <SkyPanelV2 checkout> [...]');
  process.exit(2);
}

let failed = 0;
for (const fork of forks) {
  const declared = readFileSync(join(fork, 'api/services/providers/IProviderService.ts'), 'utf8');
  const union = /^export type ProviderType = (.+);$/m;
  if (!union.test(declared)) throw new Error(`${fork}: no "export type ProviderType = …;" line`);
  const work = mkdtempSync(join(tmpdir(), 'skypanel-fork-'));
  try {
    writeFileSync(join(work, 'IProviderService.ts'), declared.replace(union, (_, members: string) => `export type ProviderType = ${members} | 'virtfusion';`));
    writeFileSync(
      join(work, 'adopter.ts'),
      [
        `import { createVirtFusionProvider, toSkyPanelProvider } from ${JSON.stringify(join(root, 'src/provider/index.ts'))};`,
        `import type { IProviderService } from './IProviderService';`,
        `const service: IProviderService = toSkyPanelProvider(createVirtFusionProvider({ url: 'https://panel.example.com', token: 'x' }), { owner: '1' });`,
        'void service;',
        '',
      ].join('\n'),
    );
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--allowImportingTsExtensions', '--types', 'node', join(work, 'adopter.ts')];
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
      console.log(`fits: ${fork}`);
    } catch (error) {
      failed += 1;
      console.log(`does not fit: ${fork}\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
process.exit(failed === 0 ? 0 : 1);
