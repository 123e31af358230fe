// The server's state told as it is: the footer says the server is down soon after it stops and
// recovers on its own; signing out while it is down says so and is finished when it is back;
// signing in returns to the page it was asked from. The real server, stopped and restarted on the
// same port and database, and the release front end in Chromium.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshot, startServer } from './support/server.mjs';

let browser;
let server;

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('server down and back: the footer follows, and a sign-out made meanwhile reaches it', async () => {
  server = await startServer(['--demo']);
  browser = await launchBrowser();
  const page = await newPage(browser);
  const status = (state) => page.locator(`.server-status [data-state="${state}"]`);

  // Signing in from a configuration comes back to it.
  await page.goto(`${server.url}/configure/cobalt?q=3`);
  await page.locator('.price-table [data-total]').waitFor();
  await page.locator('.account').getByRole('link', { name: 'Sign in' }).click();
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Username').fill('dealer1');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/configure/cobalt' && url.searchParams.get('q') === '3');
  await page.locator('.account', { hasText: 'dealer1' }).waitFor();
  await status('ok').waitFor();

  // Signed in, the header is one row at 1366 px in every language.
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const lang of ['ky', 'uz', 'ru', 'en']) {
    await page.locator('select[name="lang"]').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    const [brand, account] = await page.evaluate(() => ['.brand', '.account']
      .map((s) => document.querySelector(s).getBoundingClientRect()));
    assert.ok(account.top < brand.bottom, `${lang}: the account is on the header's first row`);
  }
  await screenshot(page, 'resilience-header-1366');

  // The server stops: the footer says so within 30 s.
  const stopped = Date.now();
  assert.equal(await server.stop({ keep: true }), 0);
  await status('error').waitFor({ timeout: 30_000 });
  const noticed = (Date.now() - stopped) / 1000;
  assert.ok(noticed <= 30, `the footer said the server was down after ${noticed} s`);

  // Signing out now: forgotten here at once, and the user is told the server has not heard.
  await page.locator('.account').getByRole('button', { name: 'Sign out' }).click();
  await page.locator('.account').getByRole('link', { name: 'Sign in' }).waitFor();
  const pending = page.locator('.notice', { hasText: 'did not reach the server' });
  await pending.waitFor();
  await screenshot(page, 'resilience-sign-out-pending');

  // The server is back (same port, same database): the footer recovers on its own, the sign-out
  // is finished and its notice goes, and the session is over on the server.
  server = await startServer(['--demo'], server);
  await status('ok').waitFor({ timeout: 20_000 });
  await pending.waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal((await page.request.get(`${server.url}/api/v1/session`)).status(), 401, 'the session ended');
  // Only the requests made while the server was down fail.
  assert.deepEqual(page.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|status of 401/.test(e)), []);
  await page.close();
});
