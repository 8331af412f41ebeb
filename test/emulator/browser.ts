import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to drive: `CHROMIUM_PATH`, or Debian's package; undefined when none is installed. */
export function findChromium(): string | undefined {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) return existsSync(wanted) ? wanted : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Where the browser tests save screenshots: `test-results/inspector/` (or `INSPECTOR_SCREENSHOTS`). */
export function screenshotDir(): string {
  const dir = process.env.INSPECTOR_SCREENSHOTS ?? fileURLToPath(new URL('../../test-results/inspector/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}
