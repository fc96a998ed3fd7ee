// The shared harness of the end-to-end tests: serves the release build
// (dist/) on 127.0.0.1, starts headless Chromium once per file, and gives
// each test a fresh browser context with helpers bound to its page.
// Every *.test.mjs imports it; `before`/`after` run per test file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launchBrowser } from './browser.mjs';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const dist = path.resolve(here, '../../dist');
export const spec = path.resolve(here, '../spec');
export const specFile = (rel) => path.join(spec, rel);
export const specJson = (rel) => JSON.parse(fs.readFileSync(specFile(rel), 'utf8'));

let server, browser;
/** The app's address once the suite has started (`before`). */
export let base;
/** The shared browser, for a test that needs a context of its own. */
export const getBrowser = () => browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'build dist/ first (scripts/build-web.sh)');
  server = await serve(dist, 0, {
    '/remote/policy.json': fs.readFileSync(specFile('policy.json')),
    '/remote/gold.json': fs.readFileSync(specFile('accounts/gold.json')),
    '/remote/q4.json': fs.readFileSync(specFile('plans/q4.json')),
  });
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

// ---------------------------------------------------------------------------
// Helpers, bound to one page by `on(page)`.

/** Polls `read()` until `ok(value)`, or fails saying what was last seen. */
export async function eventually(read, ok, what, timeout = 5000) {
  const until = Date.now() + timeout;
  for (;;) {
    const seen = await read().catch((e) => `(${e.message.split('\n')[0]})`);
    if (ok(seen)) return seen;
    if (Date.now() > until) assert.fail(`${what}: saw ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function on(page) {
  const loc = (target) => (typeof target === 'string' ? page.getByTestId(target, { exact: true }) : target);
  const name = (target) => (typeof target === 'string' ? target : String(target));
  const text = (target) => loc(target).innerText({ timeout: 500 });

  const ui = {
    page,
    text,
    /** Waits until the element's text contains `want`. */
    expectText: (target, want) =>
      eventually(() => text(target), (t) => typeof t === 'string' && t.includes(want),
        `${name(target)} should contain ${JSON.stringify(want)}`),
    /** Waits until an input holds exactly `want`. */
    expectValue: (target, want) =>
      eventually(() => loc(target).inputValue({ timeout: 500 }), (v) => v === want,
        `${name(target)} should hold ${JSON.stringify(want)}`),
    /** Waits until nothing matches `target`. */
    expectNone: (target) =>
      eventually(() => loc(target).count(), (n) => n === 0, `${name(target)} should be gone`),

    /** The value shown next to a label (`<dt>label</dt><dd>value</dd>`) inside `scope`. */
    figure: (scope, label) =>
      loc(scope).locator('.row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd'),

    /** Opens SPEC files with the file picker. */
    openFiles: (...rels) => page.setInputFiles('[data-testid=file-input]', rels.map(specFile)),

    /** Opens the SPEC policy, an account and optionally an order file, and
     *  waits until all three are in use. */
    async openSpec(account, order) {
      const files = ['policy.json', `accounts/${account}`, ...(order ? [`orders/${order}`] : [])];
      await ui.openFiles(...files);
      await ui.expectText('policy-version', specJson('policy.json').version);
      const { name: partner, partner_id: id } = specJson(`accounts/${account}`);
      await eventually(() => page.getByTestId('partner').evaluate((s) => s.selectedOptions[0]?.textContent),
        (t) => t === `${partner} · ${id}`, `partner should be ${partner}`);
      if (order) {
        const o = specJson(`orders/${order}`);
        await ui.expectValue('order-date', o.date);
        await eventually(ui.lineSkus, (skus) => JSON.stringify(skus) === JSON.stringify(o.lines.map((l) => l.sku)),
          `the order lines of ${order}`);
      }
    },

    /** The SKUs of the order lines being edited, top to bottom. */
    lineSkus: () => page.locator('.lines-editor fieldset.line legend code').allInnerTexts(),

    /** Empties the order and sets its date. */
    async newOrder(date) {
      const clear = page.getByRole('button', { name: '清空订单' });
      if (await clear.count()) await clear.click();
      await page.getByTestId('empty-order').waitFor();
      await page.fill('[data-testid=order-date]', date);
    },

    /** Searches, adds the first match with Enter and types its quantity. */
    async addProduct(query, qty) {
      const before = await page.locator('.lines-editor fieldset.line').count();
      await page.fill('[data-testid=product-search]', query);
      await page.waitForSelector('[data-testid=product-option]');
      await page.press('[data-testid=product-search]', 'Enter');
      await page.locator('.lines-editor fieldset.line').nth(before).waitFor();
      await page.fill(`[data-testid=line-${before}-qty]`, String(qty));
    },

    /** Picks the partner whose entry in the partner list contains `partner`. */
    async choosePartner(partner) {
      const select = page.getByLabel('伙伴', { exact: true });
      await select.selectOption(await select.locator('option', { hasText: partner }).getAttribute('value'));
    },

    /** Opens line `i`'s price waterfall and returns its steps as shown:
     *  one array of texts (kind, rule, unit price after, saving) per step. */
    async waterfall(i) {
      const steps = page.getByTestId(`waterfall-${i}`);
      if (!(await steps.count())) await page.click(`[data-testid=waterfall-toggle-${i}]`);
      return steps.locator('ol > li').evaluateAll((lis) =>
        lis.map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent.trim())));
    },
  };
  return ui;
}

/**
 * A test on a fresh browser context (own storage, own locale) opened on the
 * app (at `query` and `hash`), once `ready` (a test id) is on screen. An
 * uncaught error or a crash in the page fails the test. `todo` marks a
 * known app bug: the test runs and reports, but does not fail the run.
 */
export function uiTest(name, body, { locale = 'zh-CN', query = '', hash = '', ready = 'quote-lines', todo } = {}) {
  test(name, { todo }, async () => {
    const ctx = await browser.newContext({ locale, acceptDownloads: true });
    const page = await ctx.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('crash', () => pageErrors.push('the page crashed'));
    let failure;
    try {
      await page.goto(base + query + hash);
      await page.waitForSelector(`[data-testid=${ready}]`);
      await body(on(page));
    } catch (e) {
      failure = e;
    } finally {
      await ctx.close();
    }
    if (pageErrors.length) throw new Error(`page error: ${pageErrors.join('\n')}`, { cause: failure });
    if (failure) throw failure;
  });
}

/** `¥1,111.5000` → 11115000n (units of 0.0001). */
export const unitOf = (shown) => {
  const [int, frac = ''] = shown.replace(/[¥,]/g, '').split('.');
  return BigInt(int + frac.padEnd(4, '0'));
};
/** round(unit × (100 + markup) / 100, 2), half up, for a whole-number markup, as typed text. */
export const resaleFor = (unit, markup) => {
  const cents = (unit * BigInt(100 + markup) + 5000n) / 10000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
};

