// The catalog in the reader's language: the app asks for its language's catalog (`?lang=`),
// switching to Kyrgyz shows the Kyrgyz option names from `?lang=ky`, each language is saved on its
// own, and a reload in Kyrgyz shows the saved Kyrgyz copy before the server answers. The real
// server and the release front end in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, serverAndBrowser } from './support/server.mjs';
import { ConfigurePage } from './support/pages.mjs';

const app = serverAndBrowser();

const ENGLISH = 'Switchblade Silver (metallic)';
const KYRGYZ = 'Күмүш түстүү металлик';

/** Whether `url` is the catalog's. */
const isCatalog = (url) => new URL(url).pathname === '/api/v1/catalog';

test('switching to Kyrgyz fetches ?lang=ky and shows Kyrgyz names; a reload shows them at once', async () => {
  const page = await newPage(app.browser);
  const asked = [];
  page.on('request', (request) => {
    if (isCatalog(request.url())) asked.push(new URL(request.url()).searchParams.get('lang'));
  });
  const cfg = new ConfigurePage(page, app.server.url);
  await cfg.open('cobalt');
  await page.getByText(ENGLISH).waitFor();
  assert.deepEqual(asked, ['en'], 'the catalog in the reader\'s language only');

  await page.locator('select[name="lang"]').selectOption('ky');
  await page.getByText(KYRGYZ).waitFor();
  assert.deepEqual(asked, ['en', 'ky']);
  assert.equal(await page.getByText(ENGLISH).count(), 0, 'no English name is left');
  assert.ok(await cfg.input('option:switchblade-silver').isVisible(), 'the same choices');
  const saved = await page.evaluate(() => Object.keys(localStorage)
    .filter((key) => key.startsWith('configurator.catalog')).sort());
  assert.deepEqual(saved, ['configurator.catalog.en', 'configurator.catalog.ky']);
  const copy = await page.evaluate(() => localStorage.getItem('configurator.catalog.ky'));
  assert.ok(copy.includes(KYRGYZ) && !copy.includes(ENGLISH), 'the Kyrgyz copy has Kyrgyz words only');

  // A slow server: the reload shows the saved Kyrgyz copy first.
  await page.route((url) => isCatalog(url.href), async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.reload();
  await page.getByText(KYRGYZ).waitFor();
  assert.equal(await page.locator('main').getAttribute('data-catalog'), 'saved', 'before the server answers');
  await page.locator('main[data-catalog="server"]').waitFor();
  assert.deepEqual(asked.slice(2), ['ky'], 'the reload asks in Kyrgyz only');
  assert.equal(await page.getByText(ENGLISH).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});
