// The configurator as a fleet dealer uses it: a quantity that can't disagree with the price, a
// price table that fits its panel at every quantity, currency and width, and a configure page
// wholly in Uzbek. The real server and the release front end in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';
import { ConfigurePage } from './support/pages.mjs';

const app = serverAndBrowser();

/** Every model id of the catalog the server sends. */
async function modelIds() {
  const catalog = await (await fetch(`${app.server.url}/api/v1/catalog`)).json();
  return catalog.catalog.models.map((m) => m.id);
}

test('a quantity out of range or not whole is marked invalid and prices nothing', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('np37-city', '?q=12');
  const field = page.locator('#quantity');
  const error = page.locator('#quantity-error');
  for (const typed of ['1000', '0', '-5', '2.5', 'ten']) {
    await field.fill(typed);
    assert.equal(await field.inputValue(), typed, 'the field keeps what was typed');
    assert.equal(await field.getAttribute('aria-invalid'), 'true', `${typed} is invalid`);
    assert.match(await error.textContent(), /1.*999/, `the message gives the range for ${typed}`);
    assert.equal(await cfg.total.count(), 0, `no other quantity's total while ${typed} is typed`);
    assert.match(await page.locator('.price-missing').textContent(), /valid quantity/);
    assert.equal(await page.locator('.build-month strong').textContent(), '—');
    await screenshot(page, `fleet-quantity-invalid-${typed.replace(/\W/g, '_')}`);
  }
  // Typed one key at a time, "2.5" never turns into another number.
  await field.fill('');
  await field.pressSequentially('2.5');
  assert.equal(await field.inputValue(), '2.5');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');

  await field.fill('30');
  assert.equal(await field.getAttribute('aria-invalid'), 'false');
  assert.equal(await error.textContent(), '');
  await cfg.total.waitFor();
  assert.match(await page.locator('.price-table tfoot th').first().textContent(), /× 30/);
  // The arrow keys step the quantity and keep the price in step.
  await field.press('ArrowUp');
  assert.equal(await field.inputValue(), '31');
  await page.waitForFunction(() => /× 31/.test(document.querySelector('.price-table tfoot th').textContent));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the price table fits its panel at 320, 390 and 1280 px, in KGS, UZS and USD, at 1 to 999 units', async () => {
  const problems = [];
  for (const width of [320, 390, 1280]) {
    const page = await newPage(app.browser, { viewport: { width, height: 800 } });
    const cfg = new ConfigurePage(page, app.server.url);
    for (const [market, currency] of [['KG', 'local'], ['UZ', 'local'], ['UZ', 'usd']]) {
      for (const quantity of [1, 12, 30, 999]) {
        // The dearest model: the longest amounts.
        await cfg.open('le60', `?q=${quantity}`);
        await page.locator('select[name="market"]').selectOption(market);
        await page.locator('select[name="currency"]').selectOption(currency);
        await page.waitForFunction(
          (want) => document.querySelector('.price-table [data-total]')?.textContent.includes(want),
          currency === 'usd' ? 'USD' : market === 'KG' ? 'KGS' : 'UZS',
        );
        const fit = await page.evaluate(() => {
          const panel = document.querySelector('.price-panel').getBoundingClientRect();
          const cells = [...document.querySelectorAll('.price-table td, .price-table th')];
          const outside = cells.filter((c) => {
            const r = c.getBoundingClientRect();
            // A cell not shown (a line at no cost has no per-unit figure) has no box.
            if (r.width === 0) return false;
            return r.right > panel.right + 0.5 || r.left < panel.left - 0.5;
          }).map((c) => c.textContent);
          return {
            page: document.documentElement.scrollWidth - window.innerWidth,
            outside,
            total: document.querySelector('.price-table [data-total]').textContent,
          };
        });
        const at = `${width} px, ${market} ${currency}, ${quantity} units (total ${fit.total})`;
        if (fit.page > 0) problems.push(`${at}: the page is ${fit.page} px too wide`);
        if (fit.outside.length) problems.push(`${at}: outside the panel: ${fit.outside.join(' | ')}`);
      }
    }
    await screenshot(page, `fleet-999-usd-${width}`);
    if (width === 320) {
      // The longest words and amounts: every language, in UZS, at 999 units.
      await cfg.open('le60', '?q=999');
      await page.locator('select[name="market"]').selectOption('UZ');
      await page.locator('select[name="currency"]').selectOption('local');
      for (const lang of ['ru', 'ky', 'uz', 'en']) {
        await page.locator('select[name="lang"]').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (over > 0) problems.push(`320 px, UZS, 999 units, ${lang}: the page is ${over} px too wide`);
        await screenshot(page, `fleet-999-uzs-320-${lang}`);
      }
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  }
  assert.deepEqual(problems, []);
});

test('in Uzbek, every configure page is in Latin script: no Cyrillic letter in main', async () => {
  const page = await newPage(app.browser);
  const cfg = new ConfigurePage(page, app.server.url);
  const found = [];
  for (const id of await modelIds()) {
    await cfg.open(id);
    if ((await page.locator('html').getAttribute('lang')) !== 'uz') {
      await page.locator('select[name="lang"]').selectOption('uz');
      await page.waitForFunction(() => document.documentElement.lang === 'uz');
    }
    const text = await page.locator('main').innerText();
    const cyrillic = text.split('\n').filter((line) => /[\u0400-\u04FF]/.test(line));
    if (cyrillic.length) found.push(`${id}: ${cyrillic.join(' | ')}`);
  }
  await screenshot(page, 'fleet-uzbek-nqr90');
  assert.deepEqual(found, []);
  // The header's rate is grouped the Uzbek way.
  assert.match(await page.locator('.rate').textContent(), /1\u00a0USD = \d{1,3}(\u00a0\d{3})*,\d{2}\u00a0KGS/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
