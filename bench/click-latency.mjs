// Click → updated price in the DOM, over 200 clicks on the configure page, with the gzip size of
// the first load. Not a test: it prints numbers.
//
//   cargo build --profile server -p configurator-server && scripts/build-front.sh
//   SERVER_BIN=target/server/configurator-server DIST_DIR=dist node bench/click-latency.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPage, startServer } from '../e2e/support/server.mjs';

const CLICKS = 200;
const dist = process.env.DIST_DIR ?? 'dist';

function sizes() {
  const html = readFileSync(join(dist, 'index.html'));
  const files = [...html.toString().matchAll(/(?:href|src)="\/([^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  const rows = [['index.html', html], ...[...new Set(files)].map((f) => [f, readFileSync(join(dist, f))])];
  let raw = 0;
  let gz = 0;
  for (const [name, bytes] of rows) {
    const g = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += g;
    console.log(`  ${name.padEnd(48)} ${String(bytes.length).padStart(8)} B raw ${String(g).padStart(8)} B gzip`);
  }
  console.log(`  ${'first load'.padEnd(48)} ${String(raw).padStart(8)} B raw ${String(gz).padStart(8)} B gzip`);
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await newPage(browser);
  await page.goto(`${server.url}/configure/cobalt`);
  await page.locator('.price-table [data-total]').waitFor();
  const times = await page.evaluate(async (clicks) => {
    const panel = document.querySelector('.price-panel');
    const total = () => panel.querySelector('[data-total]').textContent;
    const choices = ['option:carbon-flash', 'option:summit-white'];
    const out = [];
    for (let i = 0; i < clicks; i += 1) {
      const before = total();
      const input = document.querySelector(`input[data-choice="${choices[i % 2]}"]`);
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (total() !== before) { observer.disconnect(); resolve(performance.now()); }
        });
        observer.observe(panel, { subtree: true, childList: true, characterData: true });
      });
      const t0 = performance.now();
      input.click();
      out.push((await changed) - t0);
      // Let the browser paint between clicks, as a person would.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return out;
  }, CLICKS);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`click → price in the DOM, ${CLICKS} clicks (Cobalt paint, Chromium headless):`);
  console.log(`  p50 ${percentile(sorted, 50).toFixed(2)} ms   p95 ${percentile(sorted, 95).toFixed(2)} ms   max ${sorted.at(-1).toFixed(2)} ms   (target p95 ≤ 4 ms)`);
  console.log('first load (gzip -9):');
  sizes();
  if (page.errors.length) console.log('page errors:', page.errors);
} finally {
  await browser.close();
  await server.stop();
}
