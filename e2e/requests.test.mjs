// The dealer's quote requests end to end: a visitor of a partner's site (autosalon-kg, whose
// dealership is dealer1's) sends a request from that site's origin; dealer1 finds it on /requests,
// marks it contacted (stored: still so after a reload) and turns it into a cart line with one
// click; the page passes axe-core and fits 320 px; dealer2, of another dealership, does not see
// it. The real server with its demo accounts, the release front end in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility } from './support/pages.mjs';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';

const app = serverAndBrowser(['--demo']);

/** An origin that `data/partners.toml` allows for the partner `autosalon-kg`. */
const PARTNER_ORIGIN = 'http://localhost:5173';

async function signIn(page, username) {
  await page.goto(`${app.server.url}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.account', { hasText: username }).waitFor();
}

/** Sends a visitor's quote request for 3 default Cobalts from the partner's site; its id. */
async function sendQuoteRequest() {
  const catalog = await (await fetch(`${app.server.url}/api/v1/catalog`)).json();
  const code = catalog.default_codes.cobalt;
  assert.ok(code, 'the catalog has a default Cobalt');
  const answer = await fetch(`${app.server.url}/api/v1/quote-requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: PARTNER_ORIGIN },
    body: JSON.stringify({
      partner: 'autosalon-kg',
      name: 'Aibek',
      contact: '+996 555 123 456',
      code,
      quantity: 3,
      message: 'Fleet for a taxi firm',
    }),
  });
  const body = await answer.text();
  assert.equal(answer.status, 201, body);
  assert.equal(answer.headers.get('access-control-allow-origin'), PARTNER_ORIGIN, 'sent from the partner\'s origin');
  const created = JSON.parse(body);
  assert.equal(created.status, 'new');
  return created.id;
}

test('a dealer handles a partner site\'s quote request; another dealership does not see it', async () => {
  const id = await sendQuoteRequest();
  const page = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, 'dealer1');
  await page.locator('nav').getByRole('link', { name: 'Requests' }).click();
  await page.waitForURL(`${app.server.url}/requests`);
  const row = page.locator(`tr[data-request="${id}"]`);
  await row.waitFor();
  await row.getByText('Chevrolet Cobalt').waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[1], 'Autosalon.kg');
  assert.equal(cells[2], 'Aibek');
  assert.equal(cells[3], '+996 555 123 456');
  assert.equal(cells[5], '3');
  assert.match(cells[6], /^[\d,]+\.\d\d\sKGS$/, 'the server\'s total');
  assert.equal(cells[7], 'Fleet for a taxi firm');
  assert.equal(await row.getByRole('link', { name: '+996 555 123 456' }).getAttribute('href'), 'tel:+996555123456');
  const pressed = (status) => row.locator(`button[data-status="${status}"][aria-pressed="true"]`);
  await pressed('new').waitFor();
  const hidden = await page.locator('.table-scroll').evaluate((box) => box.scrollWidth - box.clientWidth);
  assert.ok(hidden <= 0, `the table needs ${hidden} px more than the page gives it at 1280 px`);
  await checkAccessibility(page, 'the quote requests page');
  await screenshot(page, 'requests');

  // Contacted: the button is pressed once the server has stored it, and still after a reload.
  await row.getByRole('button', { name: 'Contacted' }).click();
  await pressed('contacted').waitFor();
  await page.reload();
  await pressed('contacted').waitFor();
  const listed = await (await page.request.get(`${app.server.url}/api/v1/quote-requests`)).json();
  assert.equal(listed.requests.find((r) => r.id === id)?.status, 'contacted');

  // One click makes a cart line of the request.
  await row.getByRole('button', { name: 'To cart' }).click();
  await row.getByRole('link', { name: 'Cart' }).click();
  await page.waitForURL(`${app.server.url}/cart`);
  await page.locator('.cart-line').first().waitFor();
  assert.equal(await page.locator('.cart-line').count(), 1);
  assert.equal(await page.locator('#cart-quantity-0').inputValue(), '3');
  await page.locator('.cart-line', { hasText: 'Chevrolet Cobalt' }).waitFor();

  // On a 320 px phone each request is a card: nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${app.server.url}/requests`);
  await pressed('contacted').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px too wide at 320 px`);
  await checkAccessibility(page, 'the quote requests page at 320 px');
  await screenshot(page, 'requests-320');
  assert.deepEqual(page.errors, []);
  await page.close();

  const other = await newPage(app.browser);
  await signIn(other, 'dealer2');
  await other.goto(`${app.server.url}/requests`);
  await other.locator('.empty', { hasText: 'No quote requests yet' }).waitFor();
  assert.equal(await other.locator(`tr[data-request="${id}"]`).count(), 0);
  const theirs = await (await other.request.get(`${app.server.url}/api/v1/quote-requests`)).json();
  assert.deepEqual(theirs.requests, []);
  assert.deepEqual(other.errors, []);
  await other.close();
});
