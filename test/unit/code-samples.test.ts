import { describe, expect, it } from 'vitest';
import { extractSamples, unlinkedGuides } from '../../scripts/check-samples';

describe('extractSamples (the guides’ code-sample checker)', () => {
  it('takes ts and typescript blocks with their flags and fence line, and nothing else', () => {
    const markdown = [
      '# Guide', // 1
      '```ts', // 2
      'const a = 1;', // 3
      '```', // 4
      '```sh', // 5
      'npm test', // 6
      '```', // 7
      '```typescript run', // 8
      'await vf.connect();', // 9
      '```', // 10
      '```json', // 11
      '{ "ts": true }', // 12
      '```', // 13
      '```ts ignore', // 14
      'not code', // 15
      '```', // 16
    ].join('\n');
    expect(extractSamples('docs/x.md', markdown).map((s) => [s.line, s.code, [...s.flags]])).toEqual([
      [2, 'const a = 1;', []],
      [8, 'await vf.connect();', ['run']],
      [14, 'not code', ['ignore']],
    ]);
  });

  it('reads indented blocks (inside list items), longer fences, and a ts fence inside a four-backtick block as text', () => {
    const markdown = ['1. Step:', '   ```ts', '   const b = 2;', '     nested();', '   ```', '````md', '```ts', 'shown, not checked', '```', '````'].join('\n');
    expect(extractSamples('README.md', markdown).map((s) => [s.line, s.code])).toEqual([[2, 'const b = 2;\n  nested();']]);
  });
});

describe('unlinkedGuides', () => {
  it('names the guides the README does not link to', () => {
    const readme = 'See [the webhooks guide](docs/webhooks.md) and [emulator](./docs/emulator.md); docs/resources.md is only mentioned.';
    expect(unlinkedGuides(readme, ['docs/webhooks.md', 'docs/emulator.md', 'docs/resources.md'])).toEqual(['docs/resources.md']);
  });
});
