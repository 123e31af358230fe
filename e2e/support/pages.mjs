// Page objects of the configurator, and axe-core, for the end-to-end tests and the benchmark.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/** Runs axe-core on the page and fails with the violations listed. */
export async function checkAccessibility(page, name) {
  // Evaluated through DevTools, not added as an inline <script>: the app's Content-Security-Policy
  // (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  });
  assert.deepEqual(result, [], `axe-core violations on ${name}:\n${result.join('\n')}`);
}

/** The catalog page. */
export class CatalogPage {
  constructor(page, url) { this.page = page; this.url = url; }
  async open(query = '') {
    await this.page.goto(`${this.url}/${query}`);
    await this.cards.first().waitFor();
  }
  get cards() { return this.page.locator('.cards > li'); }
  async filter(name, value) { await this.page.locator(`select[name="${name}"]`).selectOption(value); }
  async search(text) { await this.page.locator('input[name="q"]').fill(text); }
}

/** The configure page of one model. */
export class ConfigurePage {
  constructor(page, url) { this.page = page; this.url = url; }
  async open(model, query = '') {
    await this.page.goto(`${this.url}/configure/${model}${query}`);
    await this.total.waitFor();
  }
  input(choice) { return this.page.locator(`input[data-choice="${choice}"]`); }
  async choose(choice) { await this.input(choice).click(); }
  /** The note of a choice: what choosing it would change, or why it cannot be chosen. */
  async note(choice) {
    const id = await this.input(choice).getAttribute('aria-describedby');
    return this.page.locator(`[id="${id}"]`).textContent();
  }
  get total() { return this.page.locator('.price-table [data-total]'); }
  /** The total as an integer number of minor units (its digits). */
  async totalMinor() { return Number((await this.total.textContent()).replace(/\D/g, '')); }
  /** The code in the address bar, once the address (written shortly after a change) has caught up with the share link. */
  async code() {
    await this.page.waitForFunction(() => location.href === document.querySelector('#share-link')?.value);
    return new URL(this.page.url()).searchParams.get('c');
  }
  get dialog() { return this.page.getByRole('dialog'); }
  async shareLink() { return this.page.locator('#share-link').inputValue(); }
  /** Waits until the total differs from `before`, and returns it. */
  async totalChangedFrom(before) {
    await this.page.waitForFunction((b) => {
      const el = document.querySelector('.price-table [data-total]');
      return el && Number(el.textContent.replace(/\D/g, '')) !== b;
    }, before);
    return this.totalMinor();
  }
  async checked() {
    return this.page.locator('input[data-choice]:checked').evaluateAll((els) => els.map((e) => e.dataset.choice).sort());
  }
}

/** The compare page. */
export class ComparePage {
  constructor(page, url) { this.page = page; this.url = url; }
  /** Waits until the table has `columns` columns. */
  async ready(columns) {
    await this.page.waitForFunction((n) => document.querySelectorAll('.compare-table .column-head').length === n, columns);
  }
  /** Types the usage into its fields. */
  async setUsage({ quantity, km, years }) {
    await this.page.locator('#compare-quantity').fill(quantity);
    await this.page.locator('#compare-km').fill(km);
    await this.page.locator('#compare-years').fill(years);
  }
  /** The cells of a row as integers of minor units (their digits); NaN for an empty cell. */
  async row(id) {
    return this.page.locator(`tr[data-row="${id}"] td`).evaluateAll((cells) => cells.map((c) => {
      const digits = c.textContent.split('(')[0].replace(/\D/g, '');
      return digits === '' ? NaN : Number(digits);
    }));
  }
}
