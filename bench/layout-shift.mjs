// Layout shifts while a page starts, as a `layout-shift` PerformanceObserver sees them on a phone
// viewport with the CPU slowed 4×: each shift's time, value and moved elements, and the sum. A
// measurement, not a test; run it against a running server:
//   node bench/layout-shift.mjs http://127.0.0.1:8080/ [width, default 412]
import { chromium } from 'playwright-core';

const [url, width = '412'] = process.argv.slice(2);
if (!url) throw new Error('usage: node bench/layout-shift.mjs URL [width]');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: Number(width), height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.addInitScript(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__shifts.push({
        at: Math.round(entry.startTime),
        value: entry.value,
        moved: entry.sources.map((s) => `${s.node?.nodeName}.${s.node?.className ?? ''} y ${Math.round(s.previousRect.y)} -> ${Math.round(s.currentRect.y)}`),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
});
await page.goto(url);
await page.waitForTimeout(5000);
const shifts = await page.evaluate(() => window.__shifts);
for (const s of shifts) console.log(`${s.at} ms  ${s.value.toFixed(4)}\n    ${s.moved.join('\n    ')}`);
console.log(`${url} at ${width} px: layout shift sum ${shifts.reduce((sum, s) => sum + s.value, 0).toFixed(4)}`);
await browser.close();
