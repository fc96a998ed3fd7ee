// End-to-end tests: the release build (dist/) served on 127.0.0.1, driven
// in headless Chromium as a partner would use it. Every check reads what
// is on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const spec = path.resolve(here, '../spec');
const specFile = (rel) => path.join(spec, rel);

let server, ctx, page, base;

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'build dist/ first (trunk build --release)');
  server = await serve(dist, 0, {
    '/remote/policy.json': fs.readFileSync(specFile('policy.json')),
    '/remote/gold.json': fs.readFileSync(specFile('accounts/gold.json')),
  });
  base = `http://127.0.0.1:${server.address().port}/`;
  ctx = await launch('zh-CN');
  page = await ctx.newPage();
  page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  await page.goto(base);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
});

after(async () => {
  await ctx?.close();
  server?.close();
});

const text = (id) => page.locator(`[data-testid=${id}]`).innerText();

async function expectText(id, want) {
  await page.waitForFunction(
    ([sel, w]) => document.querySelector(sel)?.innerText.includes(w),
    [`[data-testid=${id}]`, want],
    { timeout: 5000 },
  ).catch(() => {});
  assert.ok((await text(id)).includes(want), `${id}: ${JSON.stringify(await text(id))} should contain ${JSON.stringify(want)}`);
}

async function newOrder(date) {
  await page.getByRole('button', { name: '清空订单' }).click();
  await page.fill('[data-testid=order-date]', date);
}

async function addProduct(query, qty) {
  await page.fill('[data-testid=product-search]', query);
  await page.waitForSelector('[data-testid=product-option]');
  await page.press('[data-testid=product-search]', 'Enter');
  const lines = await page.locator('.lines-editor fieldset.line').count();
  await page.fill(`[data-testid=line-${lines - 1}-qty]`, String(qty));
}

test('opens on the labelled demo, in Chinese, with a live quote', async () => {
  await expectText('demo-notice', '演示数据');
  await expectText('policy-name', '演示：2026 年第四季度渠道价格政策');
  assert.equal(await page.locator('[data-testid=partner] option').count(), 4);
  await expectText('credit', '信用检查');
  assert.match(await text('total-payable'), /^¥[\d,]+\.\d{2}$/);
});

test('SPEC example 1: policy and account opened with the file picker', async () => {
  await page.setInputFiles('[data-testid=file-input]', [specFile('policy.json'), specFile('accounts/gold.json')]);
  await expectText('policy-version', '2026.11.1');
  await expectText('partner-level', '金牌');
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 12);
  await expectText('net-unit-0', '¥1,111.5000');
  await expectText('net-amount-0', '¥13,338.00');
  await expectText('tax-0', '¥1,733.94');
  await expectText('gross-0', '¥15,071.94');
  await expectText('total-gross', '¥15,071.94');
});

test('the price waterfall explains each step', async () => {
  await page.click('[data-testid=waterfall-toggle-0]');
  await expectText('waterfall-0', '等级折扣');
  await expectText('waterfall-0', '¥1,170.0000');
  await expectText('waterfall-0', '批量折扣');
  await expectText('waterfall-0', 'VB-USER');
  await expectText('waterfall-0', '¥1,111.5000');
});

test('SPEC example 2: graduated volume, free goods and the order discount', async () => {
  await page.setInputFiles('[data-testid=file-input]', [specFile('accounts/silver.json')]);
  await expectText('partner-level', '银牌');
  await newOrder('2026-11-20');
  await addProduct('收银终端', 120);
  await expectText('net-unit-0', '¥1,986.1417');
  await expectText('net-amount-0', '¥238,337.00');
  await expectText('tax-0', '¥30,983.81');
  await expectText('total-gross', '¥269,320.81');
  await expectText('quote-line-1', '赠品');
  assert.equal((await page.locator('[data-testid=quote-line-1] td').first().innerText()).trim(), '12');
});

test('SPEC example 10: credit needs a prepayment', async () => {
  await page.setInputFiles('[data-testid=file-input]', [specFile('accounts/credit-tight.json')]);
  await expectText('partner-level', '注册');
  await newOrder('2026-11-20');
  await addProduct('EDU-COURSE', 130);
  await expectText('total-payable', '¥130,000.00');
  await expectText('credit-decision', '需预付');
  await expectText('credit-prepayment', '¥20,000.00');
  await expectText('credit-utilization', '108.00 %');
  await expectText('credit-available-after', '-¥20,000.00');
  assert.equal(await page.locator('[data-testid=live-summary]').textContent(), '应付金额 ¥130,000.00; 信用检查: 需预付');
});

test('switching the language switches every label', async () => {
  await page.click('[data-testid=lang-switch]');
  await expectText('credit-decision', 'Prepayment required');
  await expectText('credit', 'Credit check');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.getByRole('heading', { name: 'Quote' }).isVisible());
  await page.click('[data-testid=lang-switch]');
  await expectText('credit-decision', '需预付');
});

test('the draft comes back after a reload', async () => {
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '130');
  await expectText('policy-version', '2026.11.1');
  await expectText('notices', '已恢复');
  await expectText('credit-prepayment', '¥20,000.00');
});

test('a malformed policy file is reported in place and the quote stays', async () => {
  await page.setInputFiles('[data-testid=file-input]', {
    name: 'broken-policy.json', mimeType: 'application/json',
    buffer: Buffer.from('{"schema": "channel-policy/1", "id": 5, "version": "x"'),
  });
  await expectText('load-errors', 'broken-policy.json');
  await expectText('load-errors', 'policy');
  await page.setInputFiles('[data-testid=file-input]', {
    name: 'typo-policy.json', mimeType: 'application/json',
    buffer: Buffer.from(fs.readFileSync(specFile('policy.json'), 'utf8').replace('"list_price": "1800.00"', '"list_price": 1800')),
  });
  await expectText('load-errors', 'policy.products[1].list_price');
  await expectText('policy-version', '2026.11.1');
  await expectText('total-payable', '¥130,000.00');
});

test('a bad quantity gets an inline message and the last quote stays', async () => {
  await page.fill('[data-testid=line-0-qty]', '13o');
  await expectText('field-error', '1 到 1000000');
  await expectText('stale', '上一次有效的报价');
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '13o');
  await expectText('total-payable', '¥130,000.00');
  // Full-width digits from a Chinese input method are understood.
  await page.fill('[data-testid=line-0-qty]', '６０');
  await expectText('total-payable', '¥60,000.00');
  assert.equal(await page.locator('[data-testid=field-error]').count(), 0);
});

test('?policy=URL&account=URL loads both', async () => {
  const p2 = await ctx.newPage();
  await p2.goto(`${base}?policy=/remote/policy.json&account=/remote/gold.json`);
  await p2.waitForFunction(() => document.querySelector('[data-testid=policy-version]')?.innerText === '2026.11.1');
  await p2.waitForFunction(() => document.querySelector('[data-testid=partner-level]')?.innerText === '金牌');
  await p2.close();
});

test('an order file opens as the draft: SPEC example 13 margin', async () => {
  await page.setInputFiles('[data-testid=file-input]', [specFile('accounts/gold.json'), specFile('orders/ex13-margin.json')]);
  await expectText('partner-level', '金牌');
  assert.equal(await page.inputValue('[data-testid=line-0-resale]'), '1600.00');
  await expectText('margin-revenue', '¥19,200.00');
  await expectText('margin-front', '¥5,862.00');
  await expectText('margin-financing', '¥65.78');
  await expectText('margin-net', '¥5,796.22');
  await expectText('margin-pct', '30.19 %');
});

test('the order downloads as JSON that the CLI would read', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-order]')]);
  const file = await download.path();
  const order = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(order.schema, 'channel-order/1');
  assert.equal(order.date, '2026-11-20');
  assert.deepEqual(order.lines, [{ sku: 'ERP-USER', qty: 12, resale_price: '1600.00' }]);
  assert.equal(order.margin.cost_of_capital, '0.06');
});

test('a file dropped on the header is opened', async () => {
  const text = fs.readFileSync(specFile('accounts/distributor.json'), 'utf8');
  const dataTransfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'distributor.json', { type: 'application/json' }));
    return dt;
  }, text);
  await page.dispatchEvent('header', 'drop', { dataTransfer });
  await expectText('partner-level', '一级分销');
});

test('keyboard: search, arrow keys and Enter add a product', async () => {
  await page.fill('[data-testid=product-search]', 'ERP');
  await page.press('[data-testid=product-search]', 'ArrowDown');
  await page.press('[data-testid=product-search]', 'Enter');
  const skus = await page.locator('.lines-editor legend code').allInnerTexts();
  assert.equal(skus.at(-1), 'ERP-USER');
});
