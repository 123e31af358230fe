// The server's first paint end to end: the page's title and opening text in the reader's language
// before the wasm arrives, and the app's page in their place without a layout shift once it has
// its catalog. The wasm (or the catalog) is held back by routing, so each state is seen for sure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';

const app = serverAndBrowser();

/** A text of the app's translation file of `lang`, by its path (`catalog.title`). */
function uiText(lang, path) {
  const json = JSON.parse(readFileSync(new URL(`../src/locales/${lang}.json`, import.meta.url)));
  return path.split('.').reduce((value, key) => value[key], json);
}

/** A page in a context of `locale` and `viewport` whose wasm waits until `release()`, summing
 * the layout shifts it sees in `window.layoutShift`. */
async function heldPage({ locale, width, cookies = [] }) {
  const context = await app.browser.newContext({ locale, viewport: { width, height: 823 } });
  await context.addCookies(cookies.map((c) => ({ ...c, url: app.server.url })));
  const page = await newPage(context);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route('**/*_bg.wasm', async (route) => { await released; await route.continue(); });
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return { page, context, release };
}

/** The top of `locator`'s box, in CSS pixels. */
const top = async (locator) => (await locator.boundingBox()).y;

test('the catalog is painted in Kyrgyz before the wasm, and the app takes its place without a shift', async () => {
  const { page, context, release } = await heldPage({ locale: 'ky-KG', width: 412 });
  await page.goto(app.server.url, { waitUntil: 'commit' });
  const title = page.locator('#first-paint .first-paint-title');
  await title.waitFor();
  assert.equal(await title.textContent(), uiText('ky', 'catalog.title'));
  assert.equal(await page.locator('#first-paint .lead').textContent(), uiText('ky', 'catalog.lead'));
  assert.equal(await page.locator('html').getAttribute('lang'), 'ky');
  assert.equal(await page.locator('main').count(), 0, 'the app has not started');
  await screenshot(page, 'first-paint-catalog-ky');
  const before = { title: await top(title), lead: await top(page.locator('#first-paint .lead')) };

  release();
  await page.locator('main[data-catalog="server"] .cards > li').first().waitFor();
  assert.equal(await page.locator('#first-paint').count(), 0, 'the first paint is gone');
  const heading = page.locator('main h1');
  assert.equal(await heading.textContent(), uiText('ky', 'catalog.title'));
  assert.ok(Math.abs((await top(heading)) - before.title) <= 1, 'the title stays where it was');
  assert.ok(Math.abs((await top(page.locator('main .lead'))) - before.lead) <= 1, 'the lead stays');
  assert.equal(await page.evaluate(() => window.layoutShift), 0, 'no layout shift');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the catalog travels beside the wasm: preloaded in the reader's language, and asked for once", async () => {
  for (const [path, ready] of [['/configure/cobalt', '.price-table [data-total]'], ['/compare', 'main h1']]) {
    const { page, context, release } = await heldPage({ locale: 'uz-UZ', width: 320 });
    const asked = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/catalog')) asked.push(request.url().replace(app.server.url, ''));
    });
    const preloaded = page.waitForResponse((response) => response.url().includes('/api/v1/catalog'));
    await page.goto(`${app.server.url}${path}`, { waitUntil: 'commit' });
    // The wasm is held back, so no code of the app has run: the answer is the preload's.
    assert.equal((await preloaded).status(), 200, path);
    assert.equal(await page.locator('main').count(), 0, `${path}: the app has not started`);
    release();
    await page.locator(ready).first().waitFor();
    assert.deepEqual(asked, ['/api/v1/catalog?lang=uz'], `${path}: one request, the preload's, taken by the app`);
    assert.deepEqual(page.errors, []);
    await context.close();
  }
});

test("a model's page is painted in Uzbek on a 320 px phone with the catalog's name and description", async () => {
  const { page, context, release } = await heldPage({ locale: 'uz', width: 320 });
  await page.goto(`${app.server.url}/configure/cobalt`, { waitUntil: 'commit' });
  const title = page.locator('#first-paint .first-paint-title');
  await title.waitFor();
  const painted = {
    title: await title.textContent(),
    description: await page.locator('#first-paint .model-description').textContent(),
    top: await top(page.locator('#first-paint .model-description')),
  };
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, 'no overflow');
  await screenshot(page, 'first-paint-configure-uz-320');

  release();
  await page.locator('main[data-catalog="server"] fieldset.step').first().waitFor();
  assert.equal(await page.locator('main h1').textContent(), painted.title);
  const description = page.locator('main .model-description');
  assert.equal(await description.textContent(), painted.description);
  assert.ok(Math.abs((await top(description)) - painted.top) <= 1, 'the description stays');
  assert.equal(await page.evaluate(() => window.layoutShift), 0, 'no layout shift');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the language chosen in the app is the one the next first paint is in', async () => {
  const { page, context, release } = await heldPage({ locale: 'en-US', width: 1280 });
  release();
  await page.goto(app.server.url);
  await page.locator('main[data-catalog="server"] h1').waitFor();
  await page.locator('select[name="lang"]').selectOption('uz');
  await page.locator('main h1', { hasText: uiText('uz', 'catalog.title') }).waitFor();
  const cookie = (await context.cookies()).find((c) => c.name === 'chui-lang');
  assert.equal(cookie?.value, 'uz');
  const html = await (await page.request.get(`${app.server.url}/compare`)).text();
  assert.match(html, /<html lang="uz">/);
  assert.ok(html.includes(`<p class="lead">${uiText('uz', 'compare.lead')}</p>`), html);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a catalog that does not come leaves the first paint for the app\'s own loading state', async () => {
  const context = await app.browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await newPage(context);
  await page.route('**/api/v1/catalog*', () => {}); // never answered
  await page.goto(app.server.url, { waitUntil: 'commit' });
  await page.locator('#first-paint').waitFor();
  await page.locator('main[data-catalog="loading"]').waitFor({ state: 'visible', timeout: 8_000 });
  assert.equal(await page.locator('#first-paint').count(), 0);
  await context.close();
});

test('a server that stops after sending the page: the first paint gives way to the app\'s failure at once', async () => {
  const context = await app.browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await newPage(context);
  await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
  const started = Date.now();
  await page.goto(app.server.url, { waitUntil: 'commit' });
  await page.locator('main[data-catalog="failed"]').waitFor({ state: 'visible' });
  assert.ok(Date.now() - started < 3_000, 'not after the 4 s of a catalog that does not come');
  assert.equal(await page.locator('#first-paint').count(), 0);
  assert.ok(await page.getByRole('button', { name: /retry|try again/i }).first().isVisible(), 'a way to try again');
  await context.close();
});

test('a returning Uzbek reader of the UZ market, a fleet of 999 on a 320 px phone: nothing moves at the swap', async () => {
  const { page, context, release } = await heldPage({ locale: 'uz', width: 320 });
  release();
  await page.goto(`${app.server.url}/configure/tracker?q=999`);
  await page.locator('main[data-catalog="server"] fieldset.step').first().waitFor();
  await page.locator('select[name="market"]').selectOption('UZ');
  await page.locator('.price-table [data-total]', { hasText: 'UZS' }).first().waitFor();

  // Again, the wasm held back this time (the routing of `heldPage` is already released).
  let releaseAgain;
  const releasedAgain = new Promise((resolve) => { releaseAgain = resolve; });
  await page.unrouteAll();
  await page.route('**/*_bg.wasm', async (route) => { await releasedAgain; await route.continue(); });
  await page.goto(`${app.server.url}/configure/tracker?q=999`, { waitUntil: 'commit' });
  const painted = page.locator('#first-paint .model-description');
  await painted.waitFor();
  const before = await top(painted);
  releaseAgain();
  await page.locator('main[data-catalog="server"] fieldset.step').first().waitFor();
  assert.match(await page.locator('.price-table [data-total]').first().textContent(), /247\s408\s983\s360,00\sUZS/);
  assert.equal(await top(page.locator('main .model-description')), before, 'the description stays');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, 'no overflow');
  assert.equal(await page.evaluate(() => window.layoutShift), 0, 'no layout shift');
  await context.close();
});
