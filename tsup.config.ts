import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const library: Options = {
  entry: {
    index: 'src/index.ts',
    webhooks: 'src/webhooks/index.ts',
    provider: 'src/provider/index.ts',
    'provider-conformance': 'src/provider/conformance/index.ts',
    fleet: 'src/fleet/index.ts',
    testing: 'src/testing/index.ts',
    otel: 'src/otel/index.ts',
  },
  sourcemap: true,
  target: 'node22',
  platform: 'neutral',
  external: [/^node:/, 'ioredis', 'bullmq', 'vitest', '@opentelemetry/api'],
  define: { __SDK_VERSION__: JSON.stringify(version) },
};

export default defineConfig([
  { ...library, format: ["esm"] },
  // ky and p-retry ship only ESM; bundling them keeps require() working on every Node 22 release.
  { ...library, format: ['cjs'], noExternal: ['ky', 'p-retry', 'is-network-error'] },
  // One declaration pass for both formats (.d.ts and .d.cts), without a second type-check: that is
  // `npm run typecheck`'s job, run first by test:quick and CI. The declarations come out the same.
  { ...library, format: ['esm', 'cjs'], dts: { only: true, compilerOptions: { noCheck: true } } },
  {
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    define: { __SDK_VERSION__: JSON.stringify(version) },
  },
]);
