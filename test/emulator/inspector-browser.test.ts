import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerError } from '../../src/index';
import { createManualClock, startEmulator, type Emulator } from '../../src/testing';
import { findChromium, screenshotDir } from './browser';
import { sdkFor } from './helpers';

const executablePath = findChromium();
if (executablePath === undefined) {
  console.warn('inspector browser tests skipped: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
}

const HOOK_TOKEN = 'hook-secret-for-the-inspector';

/** The page refreshes every second and debounces typing: give it a few rounds. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 5_000 });

describe.skipIf(executablePath === undefined)('the inspector page in Chromium', { timeout: 30_000 }, () => {
  let emu: Emulator;
  let receiver: Server;
  let browser: Browser;
  let page: Page;
  let serverId: number;
  let rootPassword: string;
  /** Script errors and console errors (a CSP violation is one), but not the 400 the form test provokes. */
  const pageErrors: string[] = [];
  const shots = screenshotDir();

  beforeAll(async () => {
    receiver = createServer((request, response) => request.resume().on('end', () => response.writeHead(204).end()));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookPort = (receiver.address() as AddressInfo).port;
    emu = await startEmulator({ clock: createManualClock(), buildDuration: 60_000, webhooks: [{ url: `http://127.0.0.1:${hookPort}/hooks`, token: HOOK_TOKEN }] });
    const vf = await sdkFor(emu);
    const { data: created } = await vf.request('POST /servers', { body: { packageId: 2, userId: 2, hypervisorId: 1 } });
    serverId = created.id;
    const { data: built } = await vf.request('POST /servers/{serverId}/build', { path: { serverId }, body: { operatingSystemId: 46, name: 'inspected-01', hostname: 'inspected-01.example.net' } });
    rootPassword = String((built.settings as { decryptedPassword?: unknown }).decryptedPassword);
    expect(rootPassword.length).toBeGreaterThan(6);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource: .* 400/.test(message.text())) pageErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await emu?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /** A fresh load of the page on a tab (a change of hash alone would keep the old document). */
  async function open(tab: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${emu.inspectorUrl}#${tab}`);
    await page.waitForSelector('body[data-ready=true]');
  }

  /** Every view's text and the JSON API's answers, for secret checks. */
  async function everythingShown(): Promise<string> {
    const texts: string[] = [];
    for (const tab of ['servers', 'journal', 'webhooks', 'faults', 'clock']) {
      await open(tab);
      texts.push(await page.locator('body').innerText());
    }
    return texts.join('\n');
  }

  it('lists the server created through the SDK, with its owner, package, state and addresses', async () => {
    await open('servers');
    const row = page.locator(`#servers tr[data-server="${serverId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('inspected-01');
    expect(text).toContain('Lena Silva');
    expect(text).toContain('ext 1001');
    expect(text).toContain('Standard');
    expect(text).toContain('queued');
    expect(text).toMatch(/192\.0\.2\.\d+/);
    await page.screenshot({ path: join(shots, 'servers.png') });
  });

  it('shows POST /servers in the journal, newest first, and its bodies on a click', async () => {
    await open('journal');
    const rows = page.locator('#journal tbody tr');
    await eventually(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.nth(0).innerText()).toContain('POST /servers/{serverId}/build');
    const seq = emu.requests().find((entry) => entry.route === 'POST /servers')!.seq;
    const create = page.locator(`#journal tbody tr[data-seq="${seq}"]`);
    expect(await create.innerText()).toMatch(/POST\s+POST \/servers\s+\/api\/v1\/servers\s+201/);
    await create.click();
    const detail = page.locator('#journal-detail');
    await eventually(() => detail.innerText()).toContain('"packageId": 2');
    expect(await detail.innerText()).toContain(`"id": ${serverId}`);
    await page.screenshot({ path: join(shots, 'journal.png') });
  });

  it('filters the journal by route, status and server', async () => {
    await open('journal');
    await page.fill('#journal-filter input[name=status]', '201');
    await eventually(() => page.locator('#journal tbody tr').count()).toBe(1);
    await page.fill('#journal-filter input[name=status]', '');
    await page.fill('#journal-filter input[name=server]', String(serverId));
    await page.fill('#journal-filter input[name=route]', 'build');
    // Only the fully filtered view has one row and it is the build (earlier views differ in one or the other).
    await eventually(async () => `${await page.locator('#journal-note').innerText()} | ${await page.locator('#journal tbody').innerText()}`).toMatch(/^1 shown of \d+ kept.*\/build/s);
    expect(await page.locator('#journal tbody tr').count()).toBe(1);
  });

  it('adds a fault from the page that makes the next SDK call fail as configured, then only once', async () => {
    await open('faults');
    await page.selectOption('#fault-form select[name=kind]', '503');
    await page.fill('#fault-form input[name=route]', 'GET /servers/{serverId}');
    await page.fill('#fault-form input[name=times]', '1');
    await page.fill('#fault-form input[name=retryAfter]', '7');
    await page.click('#fault-form button[type=submit]');
    await eventually(() => page.locator('#faults tbody').innerText()).toContain('GET /servers/{serverId}');
    expect(emu.faults.list()).toEqual([{ kind: '503', route: 'GET /servers/{serverId}', times: 1, retryAfter: 7 }]);
    await page.screenshot({ path: join(shots, 'faults.png') });

    const vf = await sdkFor(emu);
    const failure = await vf.request('GET /servers/{serverId}', { path: { serverId } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerError);
    expect(failure).toMatchObject({ status: 503 });
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId } })).resolves.toMatchObject({ data: { id: serverId } });
    const journaled = emu.requests().filter((entry) => entry.route === 'GET /servers/{serverId}');
    expect(journaled.map((entry) => [entry.status, entry.fault])).toEqual([[503, '503'], [200, undefined]]);

    await open('faults');
    await eventually(() => page.locator('#faults tbody tr td:nth-child(7)').innerText()).toBe('1');
    await page.click('#faults tbody button:text("Remove")');
    await eventually(() => emu.faults.list()).toEqual([]);
  });

  it('names the field of a rule the API refuses', async () => {
    await open('faults');
    await page.selectOption('#fault-form select[name=kind]', 'latency');
    await page.fill('#fault-form input[name=route]', 'servers/*');
    await page.click('#fault-form button[type=submit]');
    await eventually(() => page.locator('#fault-error').innerText()).toContain('route must be');
    expect(await page.getAttribute('#fault-form input[name=route]', 'aria-invalid')).toBe('true');
    expect(emu.faults.list()).toEqual([]);
  });

  it('advances a manual clock, and the build completes on the servers view', async () => {
    await open('clock');
    await eventually(() => page.locator('#clock-now').innerText()).toBe('2025-01-20T12:00:00.000Z');
    await page.click('#clock-form button[data-ms="60000"]');
    await eventually(() => page.locator('#clock-now').innerText()).toBe('2025-01-20T12:01:00.000Z');
    expect(emu.clock.now()).toBe(Date.UTC(2025, 0, 20, 12, 1));
    await page.screenshot({ path: join(shots, 'clock.png') });
    await page.click('nav a[data-tab=servers]');
    await eventually(() => page.locator(`#servers tr[data-server="${serverId}"]`).innerText()).toContain('complete');
  });

  it('shows webhook deliveries with their signed headers and body, the Bearer token masked', async () => {
    await emu.webhooksSettled();
    await open('webhooks');
    const build = page.locator('#webhooks tbody tr', { hasText: 'server.build' });
    await build.waitFor();
    expect(await build.innerText()).toContain('delivered');
    await build.click();
    const detail = page.locator('#webhook-detail');
    await eventually(() => detail.innerText()).toContain('x-virtfusion-event: server.build');
    expect(await detail.innerText()).toContain('authorization: Bearer ••••••');
    expect(await detail.innerText()).toContain('"hookEventId"');
    await page.screenshot({ path: join(shots, 'webhooks.png') });
  });

  it('never shows the API token, the root password or the webhook token', async () => {
    await open('journal');
    const build = page.locator('#journal tbody tr', { hasText: '/build' }).first();
    await build.click();
    await eventually(() => page.locator('#journal-detail').innerText()).toContain('"decryptedPassword": "••••••"');
    const shown = (await page.locator('#journal-detail').innerText()) + (await everythingShown());
    const base64Hook = Buffer.from(HOOK_TOKEN).toString('base64');
    for (const secret of [emu.token, rootPassword, HOOK_TOKEN, base64Hook]) expect(shown).not.toContain(secret);
  });

  it('ran without a script error or a content-security-policy violation', () => {
    expect(pageErrors).toEqual([]);
  });

  it('shows a server created while the page is open, without a reload', async () => {
    await open('servers');
    const vf = await sdkFor(emu);
    const { data: another } = await vf.request('POST /servers', { body: { packageId: 1, userId: 3, hypervisorId: 1 } });
    const row = page.locator(`#servers tr[data-server="${another.id}"]`);
    await row.waitFor({ timeout: 5_000 });
    expect(await row.innerText()).toContain('allocated');
    await vf.request('DELETE /servers/{serverId}', { path: { serverId: another.id }, query: { delay: 0 } });
    await eventually(() => row.count()).toBe(0);
  });

  it('reads well on a narrow window: nothing wider than the screen but the tables, which scroll', async () => {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      for (const tab of ['servers', 'journal', 'faults']) {
        await narrow.goto(`${emu.inspectorUrl}#${tab}`);
        await narrow.waitForSelector('body[data-ready=true]');
        const widths = await narrow.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
        expect(widths.page).toBeLessThanOrEqual(widths.screen);
        await narrow.screenshot({ path: join(shots, `narrow-${tab}.png`), fullPage: true });
      }
    } finally {
      await narrow.close();
    }
  });

  it('works offline: the page asks nothing of any other origin', async () => {
    const offline = await browser.newContext();
    const other: string[] = [];
    const tab = await offline.newPage();
    tab.on('request', (request) => {
      if (!request.url().startsWith(emu.url)) other.push(request.url());
    });
    await tab.goto(`${emu.inspectorUrl}#journal`);
    await tab.waitForSelector('body[data-ready=true]');
    await offline.close();
    expect(other).toEqual([]);
  });

  it('refuses to change faults for a page of another origin, JSON or not', async () => {
    const stranger = await browser.newPage();
    try {
      await stranger.goto('about:blank');
      await stranger.setContent('<p>another site</p>');
      const outcomes = await stranger.evaluate(async (target) => {
        const json = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"503"}' }).then(
          (r) => `status ${r.status}`,
          () => 'blocked',
        );
        const simple = await fetch(target, { method: 'POST', mode: 'no-cors', body: '{"kind":"503"}' }).then(
          (r) => r.type,
          () => 'blocked',
        );
        return { json, simple };
      }, `${emu.inspectorUrl}api/faults`);
      expect(outcomes.json).toBe('blocked');
      expect(['opaque', 'blocked']).toContain(outcomes.simple);
      expect(emu.faults.list()).toEqual([]);
    } finally {
      await stranger.close();
    }
  });
});
