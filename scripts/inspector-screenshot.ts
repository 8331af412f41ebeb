// Makes docs/images/inspector-journal.png: the inspector's journal after a few calls, one of them
// faulted. Needs Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium).
// Run: node --import tsx scripts/inspector-screenshot.ts
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createManualClock, startEmulator } from '../src/testing';
import { findChromium } from '../test/emulator/browser';

const executablePath = findChromium();
if (executablePath === undefined) throw new Error('no Chromium: apt-get install chromium, or set CHROMIUM_PATH');
const emu = await startEmulator({ clock: createManualClock(), buildDuration: 60_000, port: 4010, tokens: ['docs-token'] });
const call = (method: string, path: string, body?: unknown) =>
  fetch(emu.apiUrl + path, {
    method,
    headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((response) => response.text());
try {
  await call('GET', '/users/1001/byExtRelation');
  await call('POST', '/servers', { packageId: 2, userId: 2, hypervisorId: 1 });
  await call('POST', '/servers/7/build', { operatingSystemId: 46, name: 'shop-01', hostname: 'shop-01.example.net' });
  emu.faults.add({ kind: '503', times: 1, route: 'GET /servers/{serverId}' });
  await call('GET', '/servers/7');
  await call('GET', '/servers/7');
  await call('POST', '/servers', { packageId: 99, userId: 2, hypervisorId: 1 });
  emu.advance(20_000);
  await call('GET', '/servers/7');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 520 } });
    await page.goto(`${emu.inspectorUrl}#journal`);
    await page.waitForSelector('body[data-ready=true]');
    await page.click('#journal tr[data-seq="2"]');
    await page.waitForSelector('#journal-detail:not([hidden])');
    await page.screenshot({ path: fileURLToPath(new URL('../docs/images/inspector-journal.png', import.meta.url)) });
  } finally {
    await browser.close();
  }
} finally {
  await emu.stop();
}
