// The compare tray end to end: the real server and the release front end in Chromium, on a 320 px
// phone in Uzbek. Two vehicles picked on their configurator pages are listed by name in the
// header's tray while the buyer goes on browsing; one is taken out there; the tray's list opens
// over the page (nothing moves, nothing overflows) and passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';
import { ConfigurePage, checkAccessibility } from './support/pages.mjs';

const app = serverAndBrowser();

test('the tray lists what is picked while browsing, and takes one out, at 320 px in Uzbek', async () => {
  const page = await newPage(app.browser, { viewport: { width: 320, height: 800 } });
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await page.locator('select[name="lang"]').selectOption('uz');
  await page.waitForFunction(() => document.documentElement.lang === 'uz');
  const pick = page.locator('.compare-pick button');
  await pick.click();
  await page.locator('.tray-count', { hasText: '1' }).waitFor();
  await cfg.open('damas');
  await pick.click();
  await page.locator('.tray-count', { hasText: '2' }).waitFor();

  // Browsing on: the catalog page, with the tray opened from the header.
  await page.locator('.site-header .brand').click();
  await page.locator('.cards > li').first().waitFor();
  const mainTop = await page.locator('main').evaluate((main) => main.getBoundingClientRect().top);
  await page.locator('.compare-tray summary').click();
  const list = page.locator('.tray-list');
  await list.waitFor();
  assert.match(await list.innerText(), /Cobalt/);
  assert.match(await list.innerText(), /Damas/);
  assert.equal(await page.locator('main').evaluate((main) => main.getBoundingClientRect().top), mainTop, 'the list opens over the page');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
  await checkAccessibility(page, 'the open compare tray in Uzbek at 320 px');
  await screenshot(page, 'tray-uz-320');

  // The Damas out, by its own button (named for screen readers in Uzbek).
  await page.locator('.tray-list li', { hasText: 'Damas' }).locator('.tray-remove').click();
  await page.locator('.tray-count', { hasText: '1' }).waitFor();
  assert.doesNotMatch(await list.innerText(), /Damas/);
  const codes = new URL(await page.locator('.compare-nav a').getAttribute('href'), app.server.url).searchParams.getAll('c');
  assert.equal(codes.length, 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});
