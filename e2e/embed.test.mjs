// Embedding end to end: the real server and the release embed build in Chromium, on partner
// pages served from other origins (other ports) that are hostile on purpose: a stylesheet that
// sets every element's font size and box sizing with !important and restyles every button and
// input, and an enumerable addition to Array.prototype.
// * Script mode and frame mode both: the option list looks as on the standalone configure page
//   (pixel-equal screenshots of the first step), the host's own elements keep their styles, the
//   events arrive with the right payloads, and a visitor's quote request reaches the dealer.
// * Refusals: a page of an origin the partner does not list cannot load the module, read the
//   API or frame the configurator; the quote-request rate limit answers 429 with Retry-After.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_DIR, launchBrowser, newPage, screenshot, startServer } from './support/server.mjs';
import { checkAccessibility } from './support/pages.mjs';

const HOSTILE_CSS = `
  * { font-size: 40px !important; box-sizing: content-box !important; line-height: 3 !important; }
  button { background: #ff00ff !important; padding: 30px !important; border: 6px dashed lime !important; }
  input, textarea, select { border: 5px solid orange !important; width: 50px !important; }
  fieldset, label, p, div { margin: 17px !important; color: #00aa00 !important; }
`;
// A classic script: it runs before the module scripts, and records what the page sees.
const HOST_SCRIPT = `
  Array.prototype.hostileAddition = function () { return 'hostile'; };
  window.events = [];
  window.styleOf = (id) => { const s = getComputedStyle(document.getElementById(id));
    return [s.fontSize, s.boxSizing, s.backgroundColor, s.padding, s.color, s.fontFamily].join('|'); };
  window.stylesBefore = null;
  document.addEventListener('DOMContentLoaded', () => {
    window.stylesBefore = [styleOf('own-title'), styleOf('own-button'), styleOf('own-input')];
  });
`;
const OWN_ELEMENTS = '<h1 id="own-title">Partner page</h1><button id="own-button">Partner button</button><input id="own-input">';

/** A partner page in script mode: the module from the plant and one element (with `api`, the
 * page calls `mount` itself, with a theme, and keeps the handle). */
function scriptPage(server, width, api = false) {
  const mount = api
    ? `<script type="module">
         import { mount } from '${server}/embed/embed.js';
         window.mount = mount;
         window.handle = await mount(document.getElementById('cfg'), { partner: 'autosalon-kg', lang: 'en', theme: { accent: '#c0392b' } });
       </script>`
    : `<script type="module" src="${server}/embed/embed.js"></script>`;
  const attributes = api ? '' : 'data-chui-partner="autosalon-kg" data-chui-lang="en"';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
    <link rel="icon" href="data:,"><style>${HOSTILE_CSS} #cfg { width: ${width}px; }</style>
    <script>${HOST_SCRIPT}
      document.addEventListener('DOMContentLoaded', () => {
        const cfg = document.getElementById('cfg');
        for (const type of ['ready', 'change', 'quote-requested', 'error'])
          cfg.addEventListener('chui-' + type, (e) => window.events.push({ type, detail: e.detail }));
      });
    </script>
    ${mount}</head>
    <body>${OWN_ELEMENTS}<div id="cfg" ${attributes}></div></body></html>`;
}

/** A partner page in frame mode: the frame and the documented resizing snippet. */
function framePage(server, width, query = 'partner=autosalon-kg&lang=en') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
    <link rel="icon" href="data:,"><style>${HOSTILE_CSS} iframe { width: ${width}px; border: 0; height: 300px; }</style>
    <script>${HOST_SCRIPT}
      window.messages = [];
      window.addEventListener('message', (event) => {
        if (event.origin !== '${server}' || event.data?.source !== 'chui-configurator') return;
        window.messages.push(event.data);
        if (event.data.type === 'resize') document.getElementById('chui').style.height = event.data.detail.height + 'px';
      });
    </script></head>
    <body>${OWN_ELEMENTS}<iframe id="chui" title="Configurator" src="${server}/embed?${query}"></iframe></body></html>`;
}

const ctx = { server: null, browser: null, host: null, partnerOrigin: '', foreignOrigin: '', data: '' };

/** Serves `pages[path]` (a function of the plant's URL) on two ports: the partner's and a foreign one. */
async function startHosts(pages) {
  const handler = (request, response) => {
    const url = new URL(request.url, 'http://host');
    const page = pages[url.pathname];
    if (!page) { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(url.searchParams));
  };
  const listen = () => new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
  const partner = await listen();
  const foreign = await listen();
  return { partner, foreign, close: () => { partner.close(); foreign.close(); } };
}

before(async () => {
  ctx.host = await startHosts({
    '/script': (q) => scriptPage(q.get('server') ?? ctx.server.url, Number(q.get('width')), q.has('api')),
    '/frame': (q) => framePage(ctx.server.url, Number(q.get('width'))),
  });
  ctx.partnerOrigin = `http://localhost:${ctx.host.partner.address().port}`;
  ctx.foreignOrigin = `http://localhost:${ctx.host.foreign.address().port}`;
  // The sample data, with the partner's pages served from this test's port.
  ctx.data = mkdtempSync(join(tmpdir(), 'configurator-embed-data-'));
  cpSync(new URL('../data/', import.meta.url).pathname, ctx.data, { recursive: true });
  const partners = join(ctx.data, 'partners.toml');
  writeFileSync(partners, readFileSync(partners, 'utf8').replace('http://localhost:5173', ctx.partnerOrigin));
  ctx.server = await startServer(['--demo', '--data', ctx.data]);
  ctx.browser = await launchBrowser();
});

after(async () => {
  await ctx.browser?.close();
  const code = await ctx.server?.stop();
  ctx.host?.close();
  rmSync(ctx.data, { recursive: true, force: true });
  assert.equal(code, 0, `the server stops cleanly:\n${ctx.server?.log()}`);
});

const WIDTH = 412;

/** The standalone configure page's first step (see `stepLook`), and the width of the steps. */
async function standaloneStep() {
  const page = await newPage(ctx.browser, { viewport: { width: WIDTH, height: 900 } });
  await page.goto(`${ctx.server.url}/configure/cobalt`);
  await page.locator('.summary .price-panel').waitFor();
  const width = await page.locator('.picker').evaluate((e) => e.getBoundingClientRect().width);
  const look = await stepLook(page);
  assert.deepEqual(page.errors, []);
  await page.close();
  return { ...look, width };
}

/** The look of the first step of the option list in `scope` (a page or frame locator): its
 * screenshot, and each element's box relative to the step and its computed styles. */
async function stepLook(scope) {
  const step = scope.locator('fieldset.step').first();
  await step.waitFor();
  const png = await step.screenshot();
  const layout = await step.evaluate((fieldset) => {
    const base = fieldset.getBoundingClientRect();
    return [fieldset, ...fieldset.querySelectorAll('*')].map((e) => {
      const box = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      return {
        element: `${e.tagName.toLowerCase()}.${e.className}`,
        box: [box.left - base.left, box.top - base.top, box.width, box.height],
        style: [s.fontSize, s.fontFamily, s.fontWeight, s.lineHeight, s.color, s.backgroundColor,
          s.padding, s.margin, s.borderTop, s.borderRadius, s.boxSizing, s.display].join(' | '),
      };
    });
  });
  return { png, layout };
}

/** Asserts that two looks of the first step are the same: every element with the same styles and
 * the same box (within a pixel), and screenshots of the same size that differ in at most 2% of
 * their pixels, the one moved by a pixel if that is closer (text drawn at another fraction of a
 * pixel differs in 1 to 3%; a font or size or colour of its own, in most). Both screenshots
 * are kept in test-output/ when they differ at all. */
async function assertSameLook(page, embedded, standalone, name) {
  if (!embedded.png.equals(standalone.png)) {
    writeFileSync(join(OUTPUT_DIR, `${name}-standalone.png`), standalone.png);
    writeFileSync(join(OUTPUT_DIR, `${name}-embedded.png`), embedded.png);
  }
  assert.equal(embedded.layout.length, standalone.layout.length, 'as many elements');
  embedded.layout.forEach((e, i) => {
    const s = standalone.layout[i];
    assert.equal(e.element, s.element);
    assert.equal(e.style, s.style, `the styles of ${e.element}`);
    // An element not drawn (an empty note) has no place to compare.
    if (e.box[2] === 0 && e.box[3] === 0 && s.box[2] === 0 && s.box[3] === 0) return;
    e.box.forEach((v, k) => assert.ok(Math.abs(v - s.box[k]) <= 1, `the box of ${e.element}: ${e.box} against ${s.box}`));
  });
  const differing = await page.evaluate(async ([a, b]) => {
    const pixels = async (base64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      context.drawImage(bitmap, 0, 0);
      return { size: [bitmap.width, bitmap.height], data: context.getImageData(0, 0, bitmap.width, bitmap.height).data };
    };
    const [x, y] = [await pixels(a), await pixels(b)];
    if (x.size.join() !== y.size.join()) return `sizes ${x.size} and ${y.size}`;
    // The least difference with the embedded one moved up or down by a pixel: the same layout
    // rounded to whole pixels the other way.
    const [width, height] = x.size;
    const differ = (dy) => {
      let count = 0;
      for (let row = Math.max(0, -dy); row < Math.min(height, height - dy); row += 1) {
        for (let i = row * width * 4; i < (row + 1) * width * 4; i += 4) {
          const j = i + dy * width * 4;
          const diff = Math.max(Math.abs(x.data[i] - y.data[j]), Math.abs(x.data[i + 1] - y.data[j + 1]), Math.abs(x.data[i + 2] - y.data[j + 2]));
          if (diff > 64) count += 1;
        }
      }
      return count / (width * height);
    };
    return Math.min(differ(-1), differ(0), differ(1));
  }, [embedded.png.toString('base64'), standalone.png.toString('base64')]);
  assert.ok(typeof differing === 'number' && differing <= 0.02, `screenshots differ: ${differing} (test-output/${name}-*.png)`);
}

/** Waits for the first event of `type` in `list` (an expression of the page) and returns it. */
async function eventOf(page, list, type) {
  await page.waitForFunction(([l, t]) => window[l].some((e) => e.type === t), [list, type]);
  return page.evaluate(([l, t]) => window[l].find((e) => e.type === t), [list, type]);
}

/** Sends a quote request from the configurator in `scope` (a page or a frame). */
async function requestQuote(scope, name) {
  await scope.getByLabel('Your name').fill(name);
  await scope.getByLabel('Phone or e-mail').fill('+996 555 010 203');
  await scope.getByLabel('Message (optional)').fill('Two for a taxi firm');
  await scope.getByRole('button', { name: 'Send the request' }).click();
  await scope.getByText('The dealer will contact you').waitFor();
}

/** The names on dealer1's /requests page. */
async function dealerSees(name) {
  const page = await newPage(ctx.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${ctx.server.url}/sign-in`);
  await page.getByLabel('Username').fill('dealer1');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.account', { hasText: 'dealer1' }).waitFor();
  await page.goto(`${ctx.server.url}/requests`);
  await page.getByText(name).first().waitFor({ timeout: 10_000 });
  await page.close();
}

test('script mode on a hostile partner page: same look, host untouched, events, a quote request', async () => {
  const standalone = await standaloneStep();
  // The element as wide as the standalone page's steps, plus the configurator's own padding.
  const page = await newPage(ctx.browser, { viewport: { width: WIDTH + 200, height: 900 } });
  await page.goto(`${ctx.partnerOrigin}/script?width=${Math.round(standalone.width) + 32}`);
  const ready = await eventOf(page, 'events', 'ready');
  assert.deepEqual(ready.detail, {
    partner: 'autosalon-kg', models: ['cobalt', 'onix', 'nexia', 'gentra', 'tracker'], lang: 'en', market: 'KG',
  });
  const change = await eventOf(page, 'events', 'change');
  assert.equal(change.detail.model, 'cobalt');
  assert.equal(change.detail.quantity, 1);
  assert.match(change.detail.code, /^[A-Za-z0-9_-]{14,}$/);
  assert.ok(Number.isInteger(change.detail.price.total) && change.detail.price.total > 0);
  assert.equal(change.detail.price.currency, 'KGS');

  // The same look as standalone, pixel for pixel.
  await assertSameLook(page, await stepLook(page.locator('#cfg')), standalone, 'embed-script-step');

  // The host's own elements keep the host's styles; the configurator added no stylesheet to them.
  const after = await page.evaluate(() => [styleOf('own-title'), styleOf('own-button'), styleOf('own-input')]);
  assert.deepEqual(after, await page.evaluate(() => window.stylesBefore));
  assert.match(after[0], /^40px\|content-box/);
  assert.equal(await page.evaluate(() => document.styleSheets.length), 1, 'only the host\'s own sheet');

  // A real click on an option: a change event with the new code and a higher price.
  const before = change.detail;
  await page.locator('#cfg').getByText('LTZ', { exact: false }).first().click();
  await page.waitForFunction((code) => window.events.some((e) => e.type === 'change' && e.detail.code !== code), before.code);
  const changed = await page.evaluate(() => window.events.filter((e) => e.type === 'change').at(-1));
  assert.ok(changed.detail.price.total > before.price.total, 'LTZ costs more');

  await requestQuote(page.locator('#cfg'), 'Script Visitor');
  const requested = await eventOf(page, 'events', 'quote-requested');
  assert.ok(requested.detail.id > 0);
  assert.equal(requested.detail.code, changed.detail.code);
  assert.equal(requested.detail.price.total, changed.detail.price.total, 'the server\'s price is the shown one');
  await screenshot(page, 'embed-script-hostile');
  assert.deepEqual(page.errors, []);
  await page.close();
  await dealerSees('Script Visitor');
});

test('the mount API: a theme, set_code, field-named refusals and unmount', async () => {
  const page = await newPage(ctx.browser, { viewport: { width: WIDTH, height: 900 } });
  await page.goto(`${ctx.partnerOrigin}/script?width=${WIDTH - 20}&api`);
  await eventOf(page, 'events', 'ready');
  const accent = await page.locator('#cfg button[type="submit"]').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(accent, 'rgb(192, 57, 43)', 'the theme\'s accent');
  const catalog = await (await fetch(`${ctx.server.url}/api/v1/catalog`)).json();
  await page.evaluate((code) => window.handle.set_code(code), catalog.default_codes.nexia);
  await page.waitForFunction(() => window.events.some((e) => e.type === 'change' && e.detail.model === 'nexia'));
  await page.locator('#cfg select').waitFor();
  assert.equal(await page.locator('#cfg .guest-title').innerText(), await page.locator('#cfg select option:checked').innerText());
  // A code of a model the partner does not show: an error event, the configuration stays.
  await page.evaluate((code) => window.handle.set_code(code), catalog.default_codes.damas);
  const refused = await eventOf(page, 'events', 'error');
  assert.equal(refused.detail.code, 'code');
  assert.match(refused.detail.message, /damas/);
  // Bad options: refused with the option and the value.
  const message = await page.evaluate(() => window.mount(document.createElement('div'), { partner: 'autosalon-kg', lang: 'de' }).then(() => 'mounted', (e) => e.message));
  assert.match(message, /`lang`.*"de"/);
  await page.evaluate(() => window.handle.unmount());
  assert.equal(await page.evaluate(() => document.getElementById('cfg').shadowRoot.childElementCount), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('frame mode: same look, events and resizing by message, a quote request', async () => {
  const standalone = await standaloneStep();
  const page = await newPage(ctx.browser, { viewport: { width: WIDTH + 200, height: 900 } });
  await page.goto(`${ctx.partnerOrigin}/frame?width=${WIDTH}`);
  const ready = await eventOf(page, 'messages', 'ready');
  assert.equal(ready.detail.partner, 'autosalon-kg');
  const change = await eventOf(page, 'messages', 'change');
  assert.equal(change.detail.model, 'cobalt');
  // The loading line first, then the configurator: the frame follows.
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'resize' && m.detail.height > 600));
  await page.waitForFunction(() => document.getElementById('chui').getBoundingClientRect().height > 600);
  const frame = page.frameLocator('#chui');
  await assertSameLook(page, await stepLook(frame.locator('body')), standalone, 'embed-frame-step');
  const after = await page.evaluate(() => [styleOf('own-title'), styleOf('own-button'), styleOf('own-input')]);
  assert.deepEqual(after, await page.evaluate(() => window.stylesBefore));
  await requestQuote(frame.locator('body'), 'Frame Visitor');
  const requested = await eventOf(page, 'messages', 'quote-requested');
  assert.ok(requested.detail.id > 0);
  await screenshot(page, 'embed-frame-hostile');
  assert.deepEqual(page.errors, []);
  await page.close();
  await dealerSees('Frame Visitor');
});

test('the frame page alone, in Uzbek on a 320 px phone, and the Embedding page: axe, no overflow', async () => {
  const page = await newPage(ctx.browser, { viewport: { width: 320, height: 800 } });
  await page.goto(`${ctx.server.url}/embed?partner=osh-fleet-leasing&lang=uz`);
  await page.locator('fieldset.step').first().waitFor();
  assert.equal(await page.locator('h1').innerText(), 'Chevrolet Damas');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'uz');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the frame page is ${overflow} px wider than the phone`);
  await checkAccessibility(page, 'the /embed page in Uzbek at 320 px');
  await screenshot(page, 'embed-frame-uz-320');
  // An unknown partner: a page that says which parameter and value.
  const refused = await page.goto(`${ctx.server.url}/embed?partner=nobody`);
  assert.equal(refused.status(), 400);
  assert.match(await page.locator('body').innerText(), /partner.*nobody|nobody.*partner/);
  // The documentation, with its live example working on this page.
  page.errors = [];
  const failures = [];
  page.on('response', (r) => { if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`); });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${ctx.server.url}/embedding`);
  await page.locator('#live-script fieldset.step').first().waitFor();
  await page.locator('#event-log li', { hasText: 'frame · ready' }).waitFor();
  await page.locator('#event-log li', { hasText: 'script · ready' }).waitFor();
  assert.match(await page.locator('pre code').first().innerText(), new RegExp(`${ctx.server.url}/embed/embed.js`));
  await checkAccessibility(page, 'the Embedding page');
  assert.deepEqual(page.errors, [], failures.join('\n'));
  await page.close();
});

test('an origin the partner does not list can neither load, read nor frame the configurator', async () => {
  // The API and the module: no CORS headers for a foreign origin.
  for (const path of ['/api/v1/catalog', '/api/v1/partners/autosalon-kg', '/embed/embed.js']) {
    const answer = await fetch(`${ctx.server.url}${path}`, { headers: { Origin: ctx.foreignOrigin } });
    assert.equal(answer.headers.get('access-control-allow-origin'), null, path);
    const allowed = await fetch(`${ctx.server.url}${path}`, { headers: { Origin: ctx.partnerOrigin } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), ctx.partnerOrigin, path);
  }
  // In Chromium: the module does not load, and the frame is refused.
  const page = await newPage(ctx.browser, { viewport: { width: WIDTH, height: 900 } });
  await page.goto(`${ctx.foreignOrigin}/script?width=${WIDTH}`);
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.getElementById('cfg').shadowRoot), null, 'nothing mounted');
  assert.ok(page.errors.some((e) => /CORS|Access-Control-Allow-Origin/i.test(e)), page.errors.join('\n'));
  const read = await page.evaluate((url) => fetch(`${url}/api/v1/catalog`).then(() => 'read', () => 'blocked'), ctx.server.url);
  assert.equal(read, 'blocked');
  await page.goto(`${ctx.foreignOrigin}/frame?width=${WIDTH}`);
  await page.waitForTimeout(1500);
  const framed = page.frames().find((f) => f.url().includes('/embed'));
  const content = framed ? await framed.evaluate(() => document.getElementById('chui')?.shadowRoot ? 'mounted' : 'empty').catch(() => 'refused') : 'refused';
  assert.notEqual(content, 'mounted');
  assert.deepEqual(await page.evaluate(() => window.messages), []);
  assert.ok(page.errors.some((e) => /frame-ancestors|Refused to frame/i.test(e)), page.errors.join('\n'));
  await page.close();
});

test('the server stops in the middle: the request is refused with a message, nothing typed is lost, and it goes once the server is back', async () => {
  const server = await startServer(['--demo', '--data', ctx.data]);
  const page = await newPage(ctx.browser, { viewport: { width: WIDTH, height: 900 } });
  await page.goto(`${ctx.partnerOrigin}/script?width=${WIDTH - 20}&server=${encodeURIComponent(server.url)}`);
  await eventOf(page, 'events', 'ready');
  const form = page.locator('#cfg');
  await form.getByLabel('Your name').fill('Patient Visitor');
  await form.getByLabel('Phone or e-mail').fill('patient@example.kg');
  await server.stop({ keep: true });
  await form.getByRole('button', { name: 'Send the request' }).click();
  const failed = await eventOf(page, 'events', 'error');
  assert.equal(failed.detail.code, 'quote-request');
  assert.match(await form.locator('form [role="alert"]').innerText(), /cannot be reached/);
  assert.equal(await form.getByLabel('Your name').inputValue(), 'Patient Visitor');
  assert.equal(await form.getByLabel('Phone or e-mail').inputValue(), 'patient@example.kg');
  const again = await startServer(['--demo', '--data', ctx.data], server);
  try {
    await form.getByRole('button', { name: 'Send the request' }).click();
    const requested = await eventOf(page, 'events', 'quote-requested');
    assert.ok(requested.detail.id > 0);
    // The browser reports the failed fetch on the console: the one error this test expects.
    assert.deepEqual(page.errors.filter((e) => !/Failed to fetch|ERR_CONNECTION_REFUSED/.test(e)), []);
  } finally {
    await page.close();
    await again.stop();
  }
});

test('the quote-request rate limit answers 429 with Retry-After', async () => {
  const catalog = await (await fetch(`${ctx.server.url}/api/v1/catalog`)).json();
  let answer;
  for (let i = 0; i < 12; i += 1) {
    answer = await fetch(`${ctx.server.url}/api/v1/quote-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ctx.partnerOrigin },
      body: JSON.stringify({ partner: 'autosalon-kg', name: `Visitor ${i}`, contact: 'visitor@example.kg', code: catalog.default_codes.cobalt, quantity: 1 }),
    });
    if (answer.status === 429) break;
    assert.equal(answer.status, 201, await answer.text());
  }
  assert.equal(answer.status, 429);
  assert.ok(Number(answer.headers.get('retry-after')) > 0);
  assert.equal(answer.headers.get('access-control-allow-origin'), ctx.partnerOrigin, 'the partner\'s page can read the refusal');
});
