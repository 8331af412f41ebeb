// The documentation site (typedoc.json) lists the guides in the order of the README's "Guides"
// list, then CONTRIBUTING.md, and leaves none of docs/*.md out. typedoc takes the order of
// projectDocuments as given, so a guide added to docs/ must be added to both.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const typedoc = JSON.parse(readFileSync(new URL('typedoc.json', root), 'utf8')) as { projectDocuments: string[] };

function readmeGuides(): string[] {
  const section = readme.slice(readme.indexOf('\n## Guides\n'));
  const list = section.slice(0, section.indexOf('\n## ', 1));
  return [...list.matchAll(/^- \[[^\]]+\]\((docs\/[\w-]+\.md)\)/gm)].map((match) => match[1] as string);
}

describe('documentation site navigation', () => {
  it("lists the guides in the README's order, then CONTRIBUTING.md", () => {
    expect(readmeGuides().length).toBeGreaterThan(0);
    expect(typedoc.projectDocuments).toEqual([...readmeGuides(), 'CONTRIBUTING.md']);
  });

  it('leaves no guide of docs/ out', () => {
    const guides = readdirSync(new URL('docs/', root)).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
    expect([...guides].sort()).toEqual(readmeGuides().sort());
  });
});
