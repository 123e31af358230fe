// The configurator end to end: the real server and the release front end in Chromium. Configures a
// Cobalt through clicks and checks the price against the server's own quote, resolves a conflict,
// shares the link, switches language and currency, works offline from the cached catalog, and
// runs axe-core on every page. Screenshots go to test-output/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';
import { CatalogPage, ConfigurePage, checkAccessibility } from './support/pages.mjs';

const app = serverAndBrowser();

/** The server's total for one line, in the market's currency. */
async function serverTotal(code, quantity = 1, market = 'KG') {
  const response = await fetch(`${app.server.url}/api/v1/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ market, currency: 'local', lines: [{ code, quantity }] }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).total;
}

test('the catalog lists the 19 types, filters and sorts through the URL', async () => {
  const page = await newPage(app.browser);
  const catalog = new CatalogPage(page, app.server.url);
  await catalog.open();
  assert.equal(await catalog.cards.count(), 19);
  await page.locator('.card-month', { hasNotText: 'loading' }).first().waitFor();
  await screenshot(page, 'catalog');
  await checkAccessibility(page, 'the catalog');

  await catalog.filter('brand', 'isuzu');
  await page.waitForURL(/brand=isuzu/);
  const isuzu = await catalog.cards.count();
  assert.ok(isuzu > 0 && isuzu < 19, `${isuzu} Isuzu cards`);
  await catalog.filter('sort', 'price');
  await page.waitForURL(/sort=price/);
  await catalog.search('np37');
  await page.waitForURL(/q=np37/);
  assert.equal(await catalog.cards.count(), 2);

  // The filter state is the URL: opening it again gives the same cards.
  const again = await newPage(app.browser);
  await again.goto(page.url());
  await again.locator('.cards > li').first().waitFor();
  assert.equal(await again.locator('.cards > li').count(), 2);
  assert.equal(await again.locator('select[name="brand"]').inputValue(), 'isuzu');
  assert.deepEqual([...page.errors, ...again.errors], []);
  await again.close();

  // The search ignores case in every script: upper-case Cyrillic finds "школьный автобус".
  await catalog.search('ШКОЛЬНЫЙ');
  await page.waitForURL(/q=%D0%A8/);
  assert.equal(await catalog.cards.count(), 1);
  await page.close();
});

test('configure a Cobalt by clicks: the price follows and equals the server quote', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  let total = await cfg.totalMinor();
  assert.equal(total, await serverTotal(await cfg.code()));

  await cfg.choose('trim:lt');
  total = await cfg.totalChangedFrom(total);
  await cfg.choose('powertrain:1.5at');
  total = await cfg.totalChangedFrom(total);
  await cfg.choose('option:winter');
  total = await cfg.totalChangedFrom(total);
  assert.ok(await cfg.input('option:winter').isChecked());
  assert.ok(await cfg.input('option:pre-heater').isChecked(), 'the package brings its contents');
  assert.equal(total, await serverTotal(await cfg.code()), 'browser and server agree to the tyiyn');
  await page.locator('.build-month strong', { hasNotText: 'loading' }).waitFor();
  await screenshot(page, 'configure');
  await checkAccessibility(page, 'the configure page');

  // Five units reach the first fleet tier.
  await page.locator('#quantity').fill('5');
  total = await cfg.totalChangedFrom(total);
  await page.locator('.price-table .discount').waitFor();
  assert.equal(total, await serverTotal(await cfg.code(), 5));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a conflicting choice asks first; cancel keeps, accept applies the fix', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await cfg.choose('option:rear-bodykit');
  await page.waitForFunction(() => document.querySelector('input[data-choice="option:rear-bodykit"]').checked);
  const before = await cfg.checked();
  const total = await cfg.totalMinor();

  // The tow bar excludes the rear body kit.
  await cfg.choose('option:tow-bar');
  await cfg.dialog.waitFor();
  assert.match(await cfg.dialog.textContent(), /Rear body kit/);
  await screenshot(page, 'conflict-dialog');
  await checkAccessibility(page, 'the conflict dialog');
  await page.keyboard.press('Escape');
  await cfg.dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await cfg.checked(), before, 'cancel leaves everything as it was');
  assert.equal(await cfg.totalMinor(), total);

  await cfg.choose('option:tow-bar');
  await cfg.dialog.getByRole('button', { name: 'Accept changes' }).click();
  await cfg.dialog.waitFor({ state: 'detached' });
  assert.ok(await cfg.input('option:tow-bar').isChecked());
  assert.ok(!(await cfg.input('option:rear-bodykit').isChecked()), 'the fix removed the body kit');

  // Neither the parking package nor the automatic is offered on LS: both are offered all the
  // same, their notes saying the trim changes, and choosing them asks to switch it.
  assert.ok(await cfg.input('option:parking').isEnabled());
  assert.equal(await cfg.note('option:parking'), 'changes the trim to LT');
  await cfg.choose('option:parking');
  await cfg.dialog.waitFor();
  assert.match(await cfg.dialog.textContent(), /switches from the LS trim to the LT trim/);
  await page.keyboard.press('Escape');
  await cfg.dialog.waitFor({ state: 'detached' });
  await cfg.choose('powertrain:1.5at');
  await cfg.dialog.waitFor();
  await cfg.dialog.getByRole('button', { name: 'Accept changes' }).click();
  await cfg.dialog.waitFor({ state: 'detached' });
  assert.ok(await cfg.input('powertrain:1.5at').isChecked());
  assert.ok(!(await cfg.input('trim:ls').isChecked()));

  // The CNG kit excludes the automatic: offered, it asks to go back to the manual, and then the
  // notice tells that change only.
  assert.ok(await cfg.input('option:cng-kit').isEnabled());
  await cfg.choose('option:cng-kit');
  await cfg.dialog.waitFor();
  assert.match(await cfg.dialog.textContent(), /6-speed automatic to 1\.5 L, 106 hp, 5-speed manual/);
  await cfg.dialog.getByRole('button', { name: 'Accept changes' }).click();
  await cfg.dialog.waitFor({ state: 'detached' });
  assert.ok(await cfg.input('powertrain:1.5mt').isChecked());
  await page.locator('.change-notice li', { hasText: 'required by CNG cylinder kit' }).waitFor();
  assert.equal(await page.locator('.change-notice li').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the share link is copied and opens the same configuration in a new page', async () => {
  const page = await newPage(app.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await cfg.choose('trim:ltz');
  await page.waitForURL(/c=/);
  await cfg.choose('option:cherry-red');
  await cfg.choose('option:parking');
  await page.waitForFunction(() => document.querySelector('input[data-choice="option:parking"]').checked);
  const link = await cfg.shareLink();
  assert.ok(link.includes(await cfg.code()), link);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText('Link copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const other = await newPage(app.browser);
  const shared = new ConfigurePage(other, app.server.url);
  await other.goto(link);
  await shared.total.waitFor();
  assert.deepEqual(await shared.checked(), await cfg.checked());
  assert.equal(await shared.totalMinor(), await cfg.totalMinor());
  assert.deepEqual([...page.errors, ...other.errors], []);
  await other.close();
  await page.close();
});

test('Russian and KGS are switched, shown and remembered', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await page.locator('select[name="currency"]').selectOption('usd');
  await page.waitForFunction(() => document.querySelector('[data-total]').textContent.includes('USD'));
  await page.locator('select[name="lang"]').selectOption('ru');
  await page.locator('select[name="market"]').selectOption('KG');
  await page.locator('select[name="currency"]').selectOption('local');
  await page.waitForFunction(() => document.querySelector('[data-total]').textContent.includes('KGS'));
  assert.equal(await page.locator('#price-title').textContent(), 'Цена');
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  // The rate is grouped the Russian way.
  assert.match(await page.locator('.switches .rate').textContent(), /1\u00a0USD = 87,45\u00a0KGS/);
  await page.reload();
  await cfg.total.waitFor();
  assert.equal(await page.locator('#price-title').textContent(), 'Цена', 'the language is remembered');
  assert.match(await cfg.total.textContent(), /KGS/);
  await screenshot(page, 'configure-ru');
  await checkAccessibility(page, 'the configure page in Russian');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('drafts are listed for resuming; stale stored data is dropped with a notice', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await cfg.choose('option:carbon-flash');
  await page.waitForURL(/c=/);
  await page.goto(app.server.url);
  await page.locator('.drafts a').first().waitFor();
  await page.locator('.drafts a').first().click();
  await cfg.total.waitFor();
  assert.ok(await cfg.input('option:carbon-flash').isChecked());

  await page.evaluate(() => localStorage.setItem('configurator.drafts', '{"drafts": "from an old version"}'));
  await page.goto(app.server.url);
  await page.locator('.notice', { hasText: 'older version' }).waitFor();
  await checkAccessibility(page, 'the catalog with a notice');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('without the server the configurator works from the cached catalog', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await page.route('**/api/v1/**', (route) => route.abort());
  await page.reload();
  await page.locator('.notice.offline').waitFor();
  await cfg.total.waitFor();
  const total = await cfg.totalMinor();
  await cfg.choose('option:carbon-flash');
  await cfg.totalChangedFrom(total);
  assert.match(await page.locator('.build-month strong').textContent(), /unavailable/);
  await screenshot(page, 'configure-offline');
  assert.deepEqual(page.errors, []);
  await context.close();
});
