// Walking through a configuration: automatic changes are announced and can be undone, Back and
// Forward step through the choices, the step links jump to a step, and the spec sheet follows the
// powertrain. The real server and the release front end in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';
import { ConfigurePage, checkAccessibility } from './support/pages.mjs';

const app = serverAndBrowser(['--demo']);

test('an automatic addition is announced and undone in one click', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  const before = await cfg.checked();
  const total = await cfg.totalMinor();

  // The pre-heater needs the winter package: choosing it adds the package.
  await cfg.choose('option:pre-heater');
  const notice = page.locator('.change-notice');
  await notice.getByRole('button', { name: 'Undo' }).waitFor();
  assert.match(await notice.textContent(), /Winter package/);
  assert.ok(await cfg.input('option:winter').isChecked());
  assert.equal(await notice.getAttribute('aria-live'), 'polite');
  await screenshot(page, 'configure-change-notice');
  await checkAccessibility(page, 'the configure page with a change notice');

  await notice.getByRole('button', { name: 'Undo' }).click();
  await notice.getByText('Changes undone.').waitFor();
  assert.deepEqual(await cfg.checked(), before, 'undo puts every choice back');
  assert.equal(await cfg.totalMinor(), total);

  // Swapping one paint for another is the choice itself: nothing to announce.
  await cfg.choose('option:cherry-red');
  await page.waitForFunction(() => document.querySelector('input[data-choice="option:cherry-red"]').checked);
  assert.equal((await notice.textContent()).trim(), '');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Back and Forward walk through the choices; reloading keeps the configuration', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  const opened = await cfg.checked();
  const firstCode = await cfg.code();

  await cfg.choose('trim:lt');
  await page.waitForURL((url) => url.searchParams.get('c') !== firstCode);
  const afterTrim = await cfg.checked();
  const trimCode = await cfg.code();
  await cfg.choose('option:carbon-flash');
  await page.waitForURL((url) => url.searchParams.get('c') !== trimCode);
  const afterPaint = await cfg.checked();
  // A new quantity is not a step of its own.
  await page.locator('#quantity').fill('3');
  await page.waitForURL(/q=3/);

  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('input[data-choice="option:carbon-flash"]').checked);
  assert.deepEqual(await cfg.checked(), afterTrim);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('input[data-choice="trim:ls"]').checked);
  assert.deepEqual(await cfg.checked(), opened);
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('input[data-choice="trim:lt"]').checked);
  assert.deepEqual(await cfg.checked(), afterTrim);
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('input[data-choice="option:carbon-flash"]').checked);
  assert.deepEqual(await cfg.checked(), afterPaint);
  assert.equal(await page.locator('#quantity').inputValue(), '3');

  // Reloading asks for the catalog again, but only whether it changed (the HTTP cache answers).
  const catalogAsked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/catalog');
  await page.reload();
  await cfg.total.waitFor();
  assert.deepEqual(await cfg.checked(), afterPaint, 'reloading keeps the configuration');
  assert.match((await (await catalogAsked).allHeaders())['if-none-match'] ?? '', /^"[0-9a-f]+"$/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the step links jump to a step; the spec sheet follows the powertrain', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  const links = page.getByRole('navigation', { name: 'Steps' }).getByRole('link');
  assert.ok((await links.count()) >= 4, 'trim, powertrain and the option groups');
  await links.nth(1).click();
  await page.waitForFunction(() => location.hash === '#step-powertrain');
  const top = await page.locator('#step-powertrain').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 100, `the powertrain step is at the top of the window (${top} px)`);

  const sheet = page.locator('.spec-sheet');
  assert.match(await sheet.textContent(), /manual/);
  await cfg.choose('powertrain:1.5at');
  await cfg.dialog.getByRole('button', { name: 'Accept changes' }).click();
  await page.waitForFunction(() => document.querySelector('.spec-sheet').textContent.includes('automatic'));
  assert.match(await sheet.textContent(), /Seats5/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a phone screen needs no sideways scrolling; the quote prints on one page', async () => {
  const page = await newPage(app.browser, { viewport: { width: 390, height: 844 } });
  const cfg = new ConfigurePage(page, app.server.url);
  for (const path of ['/', '/configure/nqr-school']) {
    await page.goto(`${app.server.url}${path}`);
    await page.locator('main h1').first().waitFor();
    await page.locator('.cards > li, .price-table [data-total]').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(overflow, 0, `${path} is ${overflow} px wider than the phone`);
  }
  // The summary is below the steps there: the total stays in sight at the bottom.
  const bar = page.locator('.mobile-total');
  assert.ok(await bar.isVisible());
  assert.equal((await bar.locator('strong').textContent()).replace(/\D/g, ''), String(await cfg.totalMinor()));
  await screenshot(page, 'configure-phone');

  // A fleet quote with the longest breakdown of the catalog's buses, printed on A4.
  await cfg.open('nqr-school', '?q=25');
  await page.locator('.build-month strong', { hasNotText: 'loading' }).waitFor();
  const pdf = await page.pdf({ format: 'A4' });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g).length;
  assert.equal(pages, 1, 'the printed quote is one page');
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('.quantity').innerText(), /25/, 'the printed quote says how many');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the saved catalog is used at once; the server confirming it does not rebuild the page', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  // A slow catalog answer: the page comes up from the saved copy first.
  await page.route((url) => url.pathname === '/api/v1/catalog', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.reload();
  await cfg.total.waitFor();
  // A choice that waits in the conflict dialog while the server's answer is on its way.
  await cfg.choose('powertrain:1.5at');
  await cfg.dialog.waitFor();
  const main = page.locator('main');
  assert.equal(await main.getAttribute('data-catalog'), 'saved', 'the server has not answered yet');
  // The app marks where its catalog comes from once it has handled the server's answer.
  await page.locator('main[data-catalog="server"]').waitFor();
  assert.ok(await cfg.dialog.isVisible(), 'the dialog is still open: the page was not built again');
  await cfg.dialog.getByRole('button', { name: 'Accept changes' }).click();
  assert.ok(await cfg.input('powertrain:1.5at').isChecked());
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a dealer signs in (a wrong password first), the quote names the dealership, and signs out', async () => {
  const page = await newPage(app.browser);
  await page.goto(`${app.server.url}/`);
  await page.locator('.cards > li').first().waitFor();
  await page.locator('.account').getByRole('link', { name: 'Sign in' }).click();
  await page.locator('h1', { hasText: 'Sign in' }).waitFor();
  await checkAccessibility(page, 'the sign-in page');
  await page.getByLabel('Username').fill('dealer1');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.account', { hasText: 'dealer1 · Bishkek Auto Center' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');

  // The printed quote names the dealership; a reload remembers who signed in.
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await page.reload();
  await cfg.total.waitFor();
  await page.locator('.account', { hasText: 'Bishkek Auto Center' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('.print-header').innerText(), /Dealer\s+Bishkek Auto Center/);
  await page.emulateMedia({ media: 'screen' });

  await page.locator('.account').getByRole('button', { name: 'Sign out' }).click();
  await page.locator('.account').getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal((await page.request.get(`${app.server.url}/api/v1/session`)).status(), 401, 'the session ended');
  // The wrong password's 401 is the one failed request the browser reports.
  assert.deepEqual(page.errors.filter((e) => !/status of 401/.test(e)), []);
  await page.close();
});
