import { startServer, launchBrowser, newPage } from './support/server.mjs';
import { checkAccessibility } from './support/pages.mjs';
const server = await startServer(['--demo']);
const browser = await launchBrowser();
for (const [width, lang] of [[320, 'uz'], [1280, 'ky']]) {
  const page = await newPage(browser, { viewport: { width, height: 900 } });
  await page.goto(`${server.url}/embed?partner=osh-fleet-leasing&lang=${lang}`);
  await page.locator('fieldset.step').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(width, lang, 'overflow', overflow, page.errors);
  try { await checkAccessibility(page, `embed ${lang}`); console.log('axe ok'); } catch (e) { console.log(String(e).slice(0, 1500)); }
  await page.screenshot({ path: `/tmp/look-${width}-${lang}.png`, fullPage: true });
  await page.close();
}
const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
await page.goto(`${server.url}/embedding`);
await page.locator('#live-script fieldset.step').first().waitFor();
await page.waitForTimeout(1500);
console.log('docs errors', page.errors);
try { await checkAccessibility(page, 'docs'); console.log('axe docs ok'); } catch (e) { console.log(String(e).slice(0, 1500)); }
await page.screenshot({ path: '/tmp/look-docs.png', fullPage: false });
await browser.close(); await server.stop();
