// The app shell end to end: the real server, a fresh database, the release front end in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, serverAndBrowser } from './support/server.mjs';

const app = serverAndBrowser();

test('the app loads and shows the server as ok', async () => {
  const page = await newPage(app.browser);
  await page.goto(app.server.url);
  const status = page.locator('.server-status [data-state="ok"]');
  await status.waitFor({ timeout: 10_000 });
  assert.match(await status.textContent(), /Server ok · v\d+\.\d+\.\d+/);
  assert.equal(await page.locator('h1').textContent(), 'Vehicles');
  await screenshot(page, 'shell-home');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the catalog page asks for every model's build month in one request", async () => {
  const page = await newPage(app.browser);
  const asked = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/availability')) asked.push(new URL(request.url()).pathname);
  });
  await page.goto(app.server.url);
  await page.locator('.card-month', { hasText: /20\d\d/ }).nth(18).waitFor();
  assert.deepEqual(asked, ['/api/v1/availability/models']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a deep link opens its page and navigation works without a reload', async () => {
  const page = await newPage(app.browser);
  await page.goto(`${app.server.url}/configure/cobalt`);
  await page.locator('h1', { hasText: 'Chevrolet Cobalt' }).waitFor();
  await page.evaluate(() => { window.loadedOnce = true; });
  await page.getByRole('link', { name: 'Vehicles' }).click();
  await page.locator('h1', { hasText: 'Vehicles' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.getByRole('link', { name: 'Vehicles' }).getAttribute('aria-current'), 'page');
  await page.goBack();
  await page.locator('h1', { hasText: 'Chevrolet Cobalt' }).waitFor();
  assert.ok(await page.evaluate(() => window.loadedOnce), 'the page was not loaded again');
  await page.goto(`${app.server.url}/no/such/page`);
  await page.locator('h1', { hasText: 'Page not found' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the comparison is a build of its own: the catalog loads none of it, and its link loads it', async () => {
  const page = await newPage(app.browser);
  const loaded = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await page.goto(app.server.url);
  await page.locator('h1', { hasText: 'Vehicles' }).waitFor();
  assert.deepEqual(loaded.filter((path) => path.startsWith('/compare-build/')), []);
  await page.getByRole('link', { name: 'Compare' }).click();
  await page.locator('h1', { hasText: 'Compare' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/compare');
  assert.ok(loaded.some((path) => /^\/compare-build\/compare-[0-9a-f]+_bg\.wasm$/.test(path)), loaded.join('\n'));
  await page.goBack();
  await page.locator('h1', { hasText: 'Vehicles' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the front end arrives compressed with long-lived caching for hashed files', async () => {
  const html = await (await fetch(app.server.url)).text();
  const wasm = html.match(/href="\/([^"]+_bg\.wasm)"/)?.[1];
  assert.ok(wasm, `index.html links the wasm module:\n${html}`);
  const response = await fetch(`${app.server.url}/${wasm}`, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-encoding') ?? '', /br|gzip/);
  assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

test('unknown API paths answer a JSON 404', async () => {
  const response = await fetch(`${app.server.url}/api/v1/nope`);
  assert.equal(response.status, 404);
  const body = await response.json();
  assert.equal(body.error.code, 'not_found');
});

test('the files a browser asks for by name are served, and the pages name their icon inline', async () => {
  const icon = await fetch(`${app.server.url}/favicon.ico`);
  assert.equal(icon.status, 200);
  assert.match(icon.headers.get('content-type') ?? '', /icon/);
  const bytes = new Uint8Array(await icon.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0, 0, 1, 0], 'an ICO header');
  const robots = await fetch(`${app.server.url}/robots.txt`);
  assert.equal(robots.status, 200);
  assert.match(await robots.text(), /^Disallow: \/api\/$/m);
  const page = await newPage(app.browser);
  const asked = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  for (const path of ['/', '/compare', '/plan', '/embedding']) {
    await page.goto(`${app.server.url}${path}`);
    assert.match(await page.locator('link[rel="icon"]').getAttribute('href'), /^data:image\/svg\+xml,<svg /, path);
  }
  assert.deepEqual(asked.filter((path) => path.startsWith('/favicon')), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});
