// The planner's page end to end: a dealer orders 30 Cobalts through the API, the planner signs in
// and finds them in the chart, the table and the month's orders, downloads the CSV, and the page
// passes axe-core. The real server with its demo accounts, the release front end in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { checkAccessibility } from './support/pages.mjs';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';

const app = serverAndBrowser(['--demo']);

/** `March 2027` for `2027-03`. */
function monthName(month) {
  const [year, number] = month.split('-').map(Number);
  return `${new Date(Date.UTC(year, number - 1, 15)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${year}`;
}

test('a dealer\'s order shows in the planner\'s chart, table, month detail and CSV', async () => {
  // The dealer orders through the API, in a browser context of its own.
  const dealer = await app.browser.newContext({ baseURL: app.server.url });
  const login = await dealer.request.post('/api/v1/session', { data: { username: 'dealer1', password: 'demo' } });
  assert.equal(login.status(), 200, await login.text());
  const catalog = await (await dealer.request.get('/api/v1/catalog')).json();
  const code = catalog.default_codes.cobalt;
  assert.ok(code, 'the catalog has a default Cobalt');
  const placed = await dealer.request.post('/api/v1/orders', {
    headers: { 'Idempotency-Key': `plan-e2e-${Date.now()}` },
    data: { market: 'KG', lines: [{ code, quantity: 30 }] },
  });
  assert.equal(placed.status(), 201, await placed.text());
  const order = await placed.json();
  const [{ month, units }] = order.lines[0].allocations;
  assert.equal(units, 30, 'one month holds the 30 units');
  await dealer.close();

  // Signed out, the page asks to sign in; the planner does, and comes back to the same range.
  const page = await newPage(app.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${app.server.url}/plan?from=${month}&to=${month}`);
  await page.getByRole('status').filter({ hasText: 'Sign in with a planner' }).waitFor();
  await page.getByRole('status').getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill('planner');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/plan' && url.searchParams.get('from') === month);
  assert.equal(await page.getByRole('link', { name: 'Plan' }).getAttribute('aria-current'), 'page');

  // The chart: the month's passenger bar holds the 30 units.
  const bar = page.locator(`svg rect.bar[data-month="${month}"]`).first();
  await bar.waitFor();
  assert.match(await bar.getAttribute('aria-label'), new RegExp(`^${monthName(month)}, passenger line: 30 of \\d+`));
  // The table says the same.
  const row = page.locator(`.plan-table tr[data-month="${month}"][data-line="passenger"]`);
  assert.equal((await row.locator('td').nth(2).textContent()).trim(), '30');
  // The page itself does not overflow a phone's width.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal overflow');

  // The month's detail: the order and its dealership, reached from the keyboard.
  await bar.focus();
  await page.keyboard.press('Enter');
  const detail = page.locator('.plan-month');
  await detail.getByRole('link', { name: `#${order.id}` }).waitFor();
  assert.match(await detail.textContent(), /Bishkek Auto Center: 30/);
  await screenshot(page, 'plan-390');

  // The CSV of the same range.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, new RegExp(`^${month},passenger,\\d+,30,[\\d.]+,cobalt,30\\r?$`, 'm'), csv);

  await checkAccessibility(page, 'the plan page');
  assert.deepEqual(page.errors, []);
  await page.close();
});
