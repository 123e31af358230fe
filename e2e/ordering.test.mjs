// Ordering in the browser: a dealer builds a cart (one fleet line of 30 minibuses), submits and
// sees the order with its build months; another dealer cannot see it; the outbox keeps an order
// submitted while the server is down and delivers it exactly once after a reload, whatever the
// double clicks and second tabs. The real server (stopped and restarted on the same database) and
// the release front end in Chromium.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshot, startServer } from './support/server.mjs';
import { checkAccessibility } from './support/pages.mjs';

let browser;
let server;

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, username) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.account', { hasText: username }).waitFor();
}

/** Configures `model` at `quantity` and adds it to the cart. */
async function addToCart(page, model, quantity) {
  await page.goto(`${server.url}/configure/${model}?q=${quantity}`);
  await page.locator('.price-table [data-total]').waitFor();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.locator('.add-to-cart', { hasText: 'Added to the cart.' }).waitFor();
}

/** The orders the API lists for the page's signed-in user. */
async function apiOrders(page) {
  const answer = await page.request.get(`${server.url}/api/v1/orders?limit=50`);
  assert.equal(answer.status(), 200);
  return (await answer.json()).orders;
}

test('a dealer orders a cart of two lines, one a fleet of 30; another dealer cannot see it', async () => {
  server = await startServer(['--demo']);
  browser = await launchBrowser();
  const page = await newPage(browser);
  const wasm = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname);
  });
  await signIn(page, 'dealer1');
  await addToCart(page, 'np37-city', 30);
  await addToCart(page, 'cobalt', 1);
  // The same configuration again offers to raise its line instead of adding another.
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('button', { name: 'Add the quantity to it' }).click();
  assert.ok(wasm.length > 0 && wasm.every((path) => !path.startsWith('/office/')),
    `the public pages load only the public build: ${wasm}`);

  // The cart is in the back-office build: following the link loads it as a new page ...
  await page.evaluate(() => { window.publicDocument = true; });
  await page.locator('nav').getByRole('link', { name: 'Cart' }).click();
  await page.locator('.cart-line').nth(1).waitFor();
  assert.equal(await page.evaluate(() => window.publicDocument), undefined, 'a new page was loaded');
  assert.match(wasm.at(-1), /^\/office\/office-[0-9a-f]+_bg\.wasm$/);
  assert.equal(await page.locator('.cart-line').count(), 2);
  assert.equal(await page.locator('#cart-quantity-1').inputValue(), '2');
  // A line opened in the configurator and changed there is updated in its place.
  await page.locator('.cart-line').first().getByRole('link', { name: 'Open in the configurator' }).click();
  await page.locator('#quantity').fill('40');
  await page.getByRole('button', { name: 'Update the cart line' }).click();
  await page.waitForURL(`${server.url}/cart`);
  await page.locator('.cart-line').nth(1).waitFor();
  assert.equal(await page.locator('.cart-line').count(), 2);
  assert.equal(await page.locator('#cart-quantity-0').inputValue(), '40');
  await page.locator('#cart-quantity-0').fill('30');
  await page.locator('#cart-quantity-0').press('Tab');
  await page.locator('.cart-total [data-total]').waitFor();
  assert.equal(await page.locator('.problem').count(), 0, 'the server and the browser agree on the price');
  await checkAccessibility(page, 'the cart');
  await screenshot(page, 'ordering-cart');

  await page.getByRole('button', { name: 'Submit order' }).click();
  const placed = page.locator('[data-outbox="placed"]');
  await placed.waitFor();
  assert.equal(await page.locator('.cart-line').count(), 0, 'the cart is empty once the order is placed');
  // ... which then moves between pages without loading again.
  await page.evaluate(() => { window.officeDocument = true; });
  await placed.getByRole('link', { name: 'See the order' }).click();
  await page.locator('.order-lines tbody tr').nth(1).waitFor();
  assert.equal(await page.evaluate(() => window.officeDocument), true, 'the same page');
  const rows = await page.locator('.order-lines tbody tr').allInnerTexts();
  assert.match(rows[0], /^Isuzu NP37 City\s+\S+\s+30\s+[\d,.]+\sKGS\s+\S+ 20\d\d: \d+/, 'the fleet line with its code, price and build months');
  await checkAccessibility(page, 'an order');
  await screenshot(page, 'ordering-order');
  const [order] = await apiOrders(page);
  assert.equal(order.lines.length, 2);

  // The printed confirmation: one A4 page, for up to ten lines.
  const catalog = await (await page.request.get(`${server.url}/api/v1/catalog`)).json();
  const codes = Object.values(catalog.default_codes).slice(0, 10);
  const placedTen = await page.request.post(`${server.url}/api/v1/orders`, {
    headers: { 'Idempotency-Key': 'e2e-ten-lines' },
    data: { market: order.market, lines: codes.map((code) => ({ code, quantity: 1 })) },
  });
  assert.ok(placedTen.ok(), await placedTen.text());
  const ten = await placedTen.json();
  await page.goto(`${server.url}/orders/${ten.id}`);
  await page.locator('.order-lines tbody tr').nth(9).waitFor();
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'ordering-confirmation-print');
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length, 1, 'ten lines print on one A4 page');
  await page.emulateMedia({ media: 'screen' });

  const other = await newPage(browser);
  await signIn(other, 'dealer2');
  await other.goto(`${server.url}/orders/${order.id}`);
  await other.locator('.problem', { hasText: 'No such order' }).waitFor();
  await other.goto(`${server.url}/orders`);
  await other.locator('.empty', { hasText: 'No orders yet.' }).waitFor();
  await checkAccessibility(other, 'the orders page');
  await other.close();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the outbox: submitted while the server is down, delivered once after a reload and a restart', async () => {
  // One browser profile with two tabs: they share the local storage the outbox lives in.
  const context = await browser.newContext();
  const page = await newPage(context);
  await signIn(page, 'dealer1');
  const before = (await apiOrders(page)).length;
  await addToCart(page, 'damas', 3);
  await page.goto(`${server.url}/cart`);
  await page.locator('.cart-total [data-total]').waitFor();

  assert.equal(await server.stop({ keep: true }), 0);
  const submit = page.getByRole('button', { name: 'Submit order' });
  await submit.dblclick();
  await page.locator('[data-outbox="waiting"]').waitFor({ timeout: 10_000 });
  assert.ok(await submit.isDisabled(), 'no second submission while one waits');
  await screenshot(page, 'ordering-outbox-waiting');

  server = await startServer(['--demo'], server);
  // A second tab of the same dealer, and a reload of the first: both find the waiting order.
  const second = await newPage(context);
  await second.goto(`${server.url}/cart`);
  await page.reload();
  await page.locator('[data-outbox="placed"]').waitFor({ timeout: 20_000 });
  await second.locator('[data-outbox="placed"]').waitFor({ timeout: 20_000 });
  const after = await apiOrders(page);
  assert.equal(after.length, before + 1, 'exactly one order was placed');
  assert.equal(after[0].lines[0].model, 'damas');
  assert.deepEqual(page.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(e)), []);
  await context.close();
});

test('an order with vehicles in a frozen month cannot be cancelled, and the page says why', async () => {
  const before = await newPage(browser);
  await signIn(before, 'dealer1');
  const [order] = await apiOrders(before);
  await before.close();
  assert.equal(order.status, 'placed');
  const first = order.lines.flatMap((line) => line.allocations.map((a) => a.month)).sort()[0];
  // Seen from month T, the months up to T + 1 are frozen (data/plant.toml): a server whose clock
  // is in the month before the order's first build month has it frozen.
  const [year, month] = first.split('-').map(Number);
  const earlier = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  assert.equal(await server.stop({ keep: true }), 0);
  server = await startServer(['--demo', '--fixed-clock', `${earlier}-15T00:00:00Z`], server);
  const page = await newPage(browser);
  await signIn(page, 'dealer1');

  // The page says why before any attempt, and offers no cancel; the server refuses one anyway.
  await page.goto(`${server.url}/orders/${order.id}`);
  const notice = page.locator(`[data-frozen="${first}"]`);
  await notice.waitFor();
  assert.match(await notice.textContent(), /can no longer be cancelled: its build month \S+ 20\d\d is frozen/);
  assert.equal(await page.getByRole('button', { name: 'Cancel order' }).count(), 0);
  const refused = await page.request.post(`${server.url}/api/v1/orders/${order.id}/cancel`);
  assert.equal(refused.status(), 409);
  assert.match((await refused.json()).error.message, new RegExp(`${first}\` is frozen`));
  await screenshot(page, 'ordering-frozen');
  const [still] = await apiOrders(page);
  assert.equal(still.id, order.id);
  assert.equal(still.status, 'placed', 'the order stays placed');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('on a 320 px phone in Uzbek, a fleet of 999 in UZS: cart, order and orders fit the width', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await newPage(context);
  await signIn(page, 'dealer1');
  for (const model of ['nqr-tourist', 'cobalt']) await addToCart(page, model, 999);
  await page.selectOption('select[name=lang]', 'uz');
  await page.selectOption('select[name=market]', 'UZ');
  const fits = async (name) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.equal(width, 320, `${name} is ${width} px wide`);
    await screenshot(page, `ordering-320-${name}`);
  };
  await page.goto(`${server.url}/cart`);
  await page.locator('.cart-total [data-total]').waitFor();
  assert.match(await page.locator('.cart-total [data-total]').textContent(), /^\d{1,3}(\s\d{3}){4},\d\d\sUZS$/, 'a 13-digit amount');
  await fits('cart');
  await page.locator('.cart-actions button').click();
  await page.locator('[data-outbox="placed"] a').click();
  await page.locator('.order-lines tbody tr').nth(1).waitFor();
  await fits('order');
  await page.goto(`${server.url}/orders`);
  await page.locator('.order-item').first().waitFor();
  await fits('orders');
  assert.deepEqual(page.errors, []);
  await context.close();
});
