// Opens the built documentation site (docs/api/, from `npm run docs`) in headless Chromium and
// checks what a reader sees: the landing page shows its title once, and the navigation names the
// guides by their titles, in the order of typedoc.json's projectDocuments (the README's order).
// Without Chromium it says so in one line and passes, unless CI=true.
//   node --import tsx scripts/check-docs-site.ts
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from '../test/emulator/browser';
import { guideTitle } from './guide-title.mjs';

const root = new URL('../', import.meta.url);
const landing = fileURLToPath(new URL('docs/api/index.html', root));
if (!existsSync(landing)) throw new Error('docs/api/index.html is missing: run `npm run docs` first');

const executablePath = findChromium();
if (executablePath === undefined) {
  const message = 'docs site not opened in a browser: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)';
  if (process.env.CI === 'true') throw new Error(message);
  console.log(message);
  process.exit(0);
}

function titleOf(file: string): string {
  const title = guideTitle(readFileSync(new URL(file, root), 'utf8'));
  if (title === undefined) throw new Error(`${file} has no heading`);
  return title;
}

const { projectDocuments, name } = JSON.parse(readFileSync(new URL('typedoc.json', root), 'utf8')) as { projectDocuments: string[]; name: string };
const expected = projectDocuments.map(titleOf);

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const problems: string[] = [];
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(landing).href);
  // The navigation is drawn by the site's script from assets/navigation.js.
  await page.waitForSelector('a[href^="./documents/"]');
  const headings = await page.locator('h1').allTextContents();
  if (headings.length !== 1 || headings[0]?.trim() !== name) problems.push(`the landing page's h1 headings are ${JSON.stringify(headings)}, not one "${name}"`);
  const guides = await page.evaluate(() => [...document.querySelectorAll('a[href^="./documents/"]')].map((link) => link.textContent?.trim() ?? ''));
  const listed = [...new Set(guides)];
  if (JSON.stringify(listed) !== JSON.stringify(expected)) {
    problems.push(`the navigation lists the guides as ${JSON.stringify(listed)}, not ${JSON.stringify(expected)}`);
  }
} finally {
  await browser.close();
}
for (const problem of problems) console.error(`docs site: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`docs site, opened in Chromium: one title, ${expected.length} guides named by their titles in the README's order`);
