import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  define: { __SDK_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    // More workers than cores: most suites wait on the emulator, Redis or child processes, and
    // vitest's default (one fewer than the cores) leaves a 2-core machine mostly idle.
    maxWorkers: Math.max(3, availableParallelism()),
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    restoreMocks: true,
    setupFiles: ['test/setup/load-lazy-modules.ts'],
  },
});
