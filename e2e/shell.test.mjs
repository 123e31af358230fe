// The app shell end to end: the real server, a fresh database, the release front end in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
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

test('files answer at once on a reused connection, without waiting for the client to acknowledge', async () => {
  // A file goes out in two writes (its head, then its body): without TCP_NODELAY the second waits
  // for the client's delayed acknowledgement, about 40 ms on Linux, on every reused connection.
  const html = await (await fetch(app.server.url)).text();
  const script = html.match(/href="\/([^"]+\.js)"/)?.[1];
  assert.ok(script, `index.html links its script:\n${html}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () => new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(`${app.server.url}/${script}`, { agent, headers: { 'accept-encoding': 'br' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started, reused: request.reusedSocket }));
    });
    request.on('error', reject);
  });
  const answers = [];
  for (let i = 0; i < 9; i += 1) answers.push(await get());
  agent.destroy();
  assert.deepEqual(answers.map((answer) => answer.status), Array(9).fill(200));
  assert.ok(answers.slice(1).every((answer) => answer.reused), 'one connection for all');
  const times = answers.slice(1).map((answer) => answer.ms).sort((a, b) => a - b);
  assert.ok(times[4] < 20, `median ${times[4].toFixed(1)} ms on a reused connection: ${times.map((ms) => ms.toFixed(1)).join(', ')}`);
});

test('the pages with a first paint carry their style sheet and ask for none', async () => {
  const page = await newPage(app.browser);
  const sheets = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'stylesheet') sheets.push(new URL(request.url()).pathname);
  });
  for (const [path, title] of [['/', 'Vehicles'], ['/configure/cobalt', 'Chevrolet Cobalt'], ['/compare', 'Compare']]) {
    const response = await page.goto(`${app.server.url}${path}`);
    assert.match(response.headers()['content-security-policy'], /style-src 'self' 'sha256-[^']+'/, path);
    // The header (the first paint's, or the app's once it is there) has the brand's colour.
    const header = await page.locator('.site-header').first().evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.notEqual(header, 'rgba(0, 0, 0, 0)', `${path}: the header is styled`);
    await page.locator('h1', { hasText: title }).waitFor();
  }
  assert.deepEqual(sheets, []);
  assert.deepEqual(page.errors, []);
  await page.close();
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
