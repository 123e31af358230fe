// The compare page end to end (issue 14): the real server and the release front end in Chromium.
// Three variants picked in the configurator, a quantity and kilometres typed on the page, the
// cheapest over five years marked, the shared URL reopened identically, a bad code in a column of
// its own, the CSV download with the equipment rows, axe-core, a 999-vehicle fleet in UZS in Uzbek
// at 320 px, two cart lines picked from the cart (a dealer's, hence the demo accounts), Back
// after a typed figure, and the first load of two columns within six requests, their build
// months in one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';
import { ConfigurePage, ComparePage, checkAccessibility } from './support/pages.mjs';

const app = serverAndBrowser(['--demo']);

/** Picks three variants in the configurator (a Cobalt, the Cobalt with the CNG kit, a Nexia) and opens the comparison from the header. */
async function pickThree(page) {
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  const pick = page.getByRole('button', { name: 'Add to comparison' });
  await pick.click();
  await page.locator('.compare-pick [role="status"]', { hasText: '1 of 4' }).waitFor();
  const before = await cfg.code();
  await cfg.choose('option:cng-kit');
  await page.waitForFunction((b) => new URL(location.href).searchParams.get('c') !== b, before);
  await pick.click();
  await page.locator('.compare-pick [role="status"]', { hasText: '2 of 4' }).waitFor();
  await cfg.open('nexia');
  await pick.click();
  await page.locator('.compare-pick [role="status"]', { hasText: '3 of 4' }).waitFor();
  await page.locator('.site-header nav a', { hasText: 'Compare' }).click();
  const compare = new ComparePage(page, app.server.url);
  await compare.ready(3);
  return compare;
}

test('three variants from the configurator, costed over five years, the cheapest marked, the URL shared', async () => {
  const page = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  const compare = await pickThree(page);
  assert.equal(new URL(page.url()).searchParams.getAll('c').length, 3);
  await compare.setUsage({ quantity: '20', km: '45000', years: '5' });
  await page.waitForURL(/q=20&km=45000&years=5/);
  await page.locator('[data-cheapest]').waitFor();
  assert.equal(await page.locator('[data-cheapest]').count(), 1);
  assert.match(await page.locator('[data-cheapest]').textContent(), /5 years/);
  // The marked column is the one with the lowest fleet total.
  const totals = await compare.row('tco-fleet');
  const lowest = totals.indexOf(Math.min(...totals));
  const marked = await page.locator('.column-head').evaluateAll((heads) => heads.findIndex((h) => h.querySelector('[data-cheapest]')));
  assert.equal(marked, lowest, `fleet totals ${totals}`);
  assert.ok(await page.locator(`tr[data-row="tco-fleet"] td.best`).count() >= 1);
  // The earliest build month of each column for the quantity, from the server.
  await page.waitForFunction(() => [...document.querySelectorAll('tr[data-row="build-month"] td')].every((td) => /20\d\d/.test(td.textContent)));
  assert.equal(await page.locator('tr[data-row="build-month"] td').count(), 3);
  // The formulas are written out under the table.
  assert.match(await page.locator('.formulas').textContent(), /6\.6 L\/100 km × 225,000 km × 72\.50\u00a0KGS\/l/);
  await screenshot(page, 'compare');

  // Reopened from its address, the comparison is the same.
  const shared = page.url();
  const table = await page.locator('.compare-table').innerText();
  const again = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await again.goto(shared);
  await new ComparePage(again, app.server.url).ready(3);
  await again.locator('[data-cheapest]').waitFor();
  await again.waitForFunction(() => [...document.querySelectorAll('tr[data-row="build-month"] td')].every((td) => /20\d\d/.test(td.textContent)));
  assert.equal(again.url(), shared);
  assert.equal(await again.locator('.compare-table').innerText(), table);
  assert.deepEqual([...page.errors, ...again.errors], []);
  await again.close();

  // Columns are moved and removed; the URL follows.
  const codes = new URL(page.url()).searchParams.getAll('c');
  await page.getByRole('button', { name: /^Move right:/ }).first().click();
  await page.waitForFunction((c) => new URL(location.href).searchParams.getAll('c')[0] === c, codes[1]);
  await page.getByRole('button', { name: /^Remove / }).last().click();
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('c').length === 2);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('two columns load in six requests: their build months come in one', async () => {
  const page = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  const catalog = await (await fetch(`${app.server.url}/api/v1/catalog`)).json();
  const codes = ['cobalt', 'onix'].map((m) => catalog.default_codes[m]);
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url())));
  await page.goto(`${app.server.url}/compare?${codes.map((c) => `c=${c}`).join('&')}&q=10`);
  await new ComparePage(page, app.server.url).ready(2);
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('tr[data-row="build-month"] td')];
    return cells.length === 2 && cells.every((td) => /20\d\d/.test(td.textContent));
  });
  await page.waitForLoadState('networkidle');
  const asked = requests.filter((url) => url.pathname.startsWith('/api/v1/availability'));
  assert.deepEqual(
    asked.map((url) => [url.pathname, url.searchParams.getAll('code'), url.searchParams.get('quantity')]),
    [['/api/v1/availability/configurations', codes, '10']],
  );
  // The page, its CSS, JS and wasm, the catalog and the build months.
  assert.ok(requests.length <= 6, `${requests.length} requests:\n${requests.join('\n')}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a bad code is a column with its error, five codes are too many, wrong usage is named', async () => {
  const page = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  const catalog = await (await fetch(`${app.server.url}/api/v1/catalog`)).json();
  const [cobalt, nexia] = [catalog.default_codes.cobalt, catalog.default_codes.nexia];
  await page.goto(`${app.server.url}/compare?c=${cobalt}&c=NOT-A-CODE&c=${nexia}&q=10&km=30000&years=5&market=KG`);
  const compare = new ComparePage(page, app.server.url);
  await compare.ready(3);
  const heads = page.locator('.column-head');
  assert.match(await heads.nth(1).locator('.column-error').textContent(), /not a configuration code/);
  assert.equal(await heads.nth(0).locator('.column-error').count(), 0);
  const totals = await compare.row('tco-fleet');
  assert.ok(totals[0] > 0 && Number.isNaN(totals[1]) && totals[2] > 0, `${totals}`);
  await page.locator('[data-cheapest]').waitFor();

  await page.goto(`${app.server.url}/compare?c=${cobalt}&c=${nexia}&c=${cobalt}&c=${nexia}&c=${cobalt}`);
  await compare.ready(4);
  assert.match(await page.locator('.compare-count').textContent(), /5 configurations/);

  await page.goto(`${app.server.url}/compare?c=${cobalt}&c=${nexia}&q=0&km=-5&years=40`);
  await compare.ready(2);
  for (const id of ['compare-quantity', 'compare-km', 'compare-years']) {
    assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', id);
    assert.notEqual(await page.locator(`#${id}-error`).textContent(), '', id);
  }
  // The specifications and prices stay; the running cost waits for a valid usage.
  assert.ok((await compare.row('unit-price')).every((n) => n > 0));
  assert.equal(await page.locator('[data-cheapest]').count(), 0);
  await compare.setUsage({ quantity: '3', km: '20000', years: '4' });
  await page.locator('[data-cheapest]').waitFor();

  // A fuel price of one's own goes into the URL, changes the fuel cost, and says it is one's own;
  // the catalog's price again takes it out.
  const fuelBefore = await compare.row('fuel-cost');
  const petrol = page.locator('#fuel-petrol-l');
  assert.equal(await petrol.inputValue(), '72.50');
  assert.match(await page.locator('.fuel-prices').textContent(), /as of 2026-11-01/);
  await petrol.fill('80');
  await petrol.press('Enter');
  await page.waitForURL(/fuel-petrol-l=8000/);
  await page.waitForFunction((b) => document.querySelector('tr[data-row="fuel-cost"] td').textContent.replace(/\D/g, '') !== String(b), fuelBefore[0]);
  assert.ok((await compare.row('fuel-cost'))[0] > fuelBefore[0]);
  assert.match(await page.locator('.fuel-prices').textContent(), /your price/);
  await page.locator('#fuel-petrol-l').fill('72.5');
  await page.locator('#fuel-petrol-l').press('Enter');
  await page.waitForFunction(() => !location.search.includes('fuel-'));
  await page.locator('#fuel-petrol-l').fill('free');
  await page.locator('#fuel-petrol-l').press('Enter');
  assert.equal(await page.locator('#fuel-petrol-l').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the table downloads as CSV and the page passes axe-core', async () => {
  const page = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  const catalog = await (await fetch(`${app.server.url}/api/v1/catalog`)).json();
  const codes = ['cobalt', 'np37-city', 'nmr85'].map((m) => catalog.default_codes[m]);
  await page.goto(`${app.server.url}/compare?${codes.map((c) => `c=${c}`).join('&')}&q=12&km=40000&years=5&market=KG`);
  const compare = new ComparePage(page, app.server.url);
  await compare.ready(3);
  await page.locator('[data-cheapest]').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'comparison.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.match(lines[0], /^,Chevrolet Cobalt,.*NP37/);
  assert.ok(lines.some((l) => /^"?Total cost of ownership, fleet"?,/.test(l)), lines.join('\n'));
  // The equipment, under its groups: included, optional with its price, unavailable with why.
  assert.ok(lines.includes('Equipment: Packages'), lines.join('\n'));
  assert.ok(lines.includes('Reversing camera,unavailable — not offered with the LS trim,unavailable — not offered on this model,unavailable — not offered on this model'), lines.join('\n'));
  assert.ok(lines.some((l) => /^Winter package,"optional, \+[\d,.]+ KGS",/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^Summit White,included,/.test(l)), lines.join('\n'));
  await checkAccessibility(page, 'the compare page');
  await page.getByRole('checkbox', { name: /Hide rows/ }).check();
  assert.ok(await page.locator('.compare-table tr[hidden]').count() > 0, 'equal rows are hidden');
  await checkAccessibility(page, 'the compare page without equal rows');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a fleet of 999 in UZS, in Uzbek, fits 320 px', async () => {
  const page = await newPage(app.browser, { viewport: { width: 320, height: 800 } });
  const catalog = await (await fetch(`${app.server.url}/api/v1/catalog`)).json();
  const codes = ['le60', 'nqr90', 'np37-suburban', 'malibu'].map((m) => catalog.default_codes[m]);
  await page.goto(`${app.server.url}/compare?${codes.map((c) => `c=${c}`).join('&')}&q=999&km=100000&years=15&market=UZ`);
  const compare = new ComparePage(page, app.server.url);
  await compare.ready(4);
  await page.locator('select[name="lang"]').selectOption('uz');
  await page.waitForFunction(() => document.documentElement.lang === 'uz');
  await page.locator('[data-cheapest]').waitFor();
  assert.match(await page.locator('tr[data-row="tco-fleet"] td').first().textContent(), /UZS/);
  const cyrillic = await page.locator('main').evaluate((main) => main.innerText.match(/[\u0400-\u04FF]+/g));
  assert.equal(cyrillic, null, 'Uzbek is written in Latin script');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
  await checkAccessibility(page, 'the compare page in Uzbek at 320 px');
  await screenshot(page, 'compare-uz-320');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('two cart lines added to the comparison from the cart, one by keyboard, are its columns', async () => {
  const page = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.server.url}/sign-in`);
  await page.getByLabel('Username').fill('dealer1');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.account', { hasText: 'dealer1' }).waitFor();
  const cfg = new ConfigurePage(page, app.server.url);
  const codes = [];
  for (const model of ['cobalt', 'nexia']) {
    await cfg.open(model);
    codes.push(await cfg.code());
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.locator('.add-to-cart', { hasText: 'Added to the cart.' }).waitFor();
  }
  await page.locator('nav').getByRole('link', { name: 'Cart' }).click();
  await page.locator('.cart-line').nth(1).waitFor();
  const lines = page.locator('.cart-line');
  await lines.nth(0).getByRole('button', { name: 'Add to comparison' }).click();
  await lines.nth(0).locator('.compare-pick [role="status"]', { hasText: '1 of 4' }).waitFor();
  // The second by keyboard: focused with Tab from the first, pressed with Enter.
  await lines.nth(0).getByRole('button', { name: 'Add to comparison' }).focus();
  const second = lines.nth(1).getByRole('button', { name: 'Add to comparison' });
  for (let tabs = 0; tabs < 10 && !(await second.evaluate((b) => b === document.activeElement)); tabs += 1) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await lines.nth(1).locator('.compare-pick [role="status"]', { hasText: '2 of 4' }).waitFor();
  await checkAccessibility(page, 'the cart with its compare buttons');
  await lines.nth(1).getByRole('link', { name: 'Open the comparison' }).click();
  const compare = new ComparePage(page, app.server.url);
  await compare.ready(2);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('c'), codes);
  assert.deepEqual(await page.locator('.column-code').allTextContents(), codes);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Back after a typed figure puts the previous one back, in the field and in the table', async () => {
  const page = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  const catalog = await (await fetch(`${app.server.url}/api/v1/catalog`)).json();
  const codes = ['cobalt', 'nexia'].map((m) => catalog.default_codes[m]);
  await page.goto(`${app.server.url}/compare?${codes.map((c) => `c=${c}`).join('&')}&q=1&km=30000&years=5&market=KG`);
  const compare = new ComparePage(page, app.server.url);
  await compare.ready(2);
  await page.locator('[data-cheapest]').waitFor();
  const fuel = await compare.row('fuel-cost');
  const km = page.locator('#compare-km');
  await km.fill('45000');
  await km.press('Tab');
  await page.waitForURL(/km=45000/);
  await page.waitForFunction((b) => document.querySelector('tr[data-row="fuel-cost"] td').textContent.replace(/\D/g, '') !== String(b), fuel[0]);
  await km.fill('60000');
  await km.press('Enter');
  await page.waitForURL(/km=60000/);

  await page.goBack();
  await page.waitForURL(/km=45000/);
  await page.waitForFunction(() => document.querySelector('#compare-km').value === '45000');
  await page.goBack();
  await page.waitForURL(/km=30000/);
  await page.waitForFunction(() => document.querySelector('#compare-km').value === '30000');
  await page.waitForFunction((b) => document.querySelector('tr[data-row="fuel-cost"] td').textContent.replace(/\D/g, '') === String(b), fuel[0]);
  assert.deepEqual(await compare.row('fuel-cost'), fuel);
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('#compare-km').value === '45000');
  assert.deepEqual(page.errors, []);
  await page.close();
});
