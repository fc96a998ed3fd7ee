// End-to-end tests: the release build (dist/) served on 127.0.0.1, driven
// in headless Chromium as a partner would use it. Every check reads what
// is on screen.
//
// Each test runs in a fresh browser context (its own localStorage, its own
// locale), opens the data it needs itself (the embedded demo, or SPEC files
// through the file picker) and can run alone:
//   node --test --test-name-pattern="rebate" app.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  base, dist, eventually, getBrowser, here, on, resaleFor, spec, specFile, specJson, uiTest, unitOf,
} from './harness.mjs';
// ---------------------------------------------------------------------------
// Opening the app and documents.

uiTest('opens on the labelled demo, in Chinese, with a live quote', async ({ page, text, expectText }) => {
  await expectText('demo-notice', '演示数据');
  await expectText('policy-name', '演示：2026 年第四季度渠道价格政策');
  assert.equal(await page.locator('[data-testid=partner] option').count(), 4);
  await expectText('credit', '信用检查');
  assert.match(await text('total-payable'), /^¥[\d,]+\.\d{2}$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
});

uiTest('a browser that prefers English opens in English', async ({ page, expectText }) => {
  await expectText('demo-notice', 'Demo data');
  await expectText('credit', 'Credit check');
  await expectText('lang-switch', '中文');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.getByRole('heading', { name: 'Quote' }).isVisible());
}, { locale: 'en-US' });

uiTest('SPEC example 1: policy and account opened with the file picker', async ({ openFiles, expectText, newOrder, addProduct }) => {
  await openFiles('policy.json', 'accounts/gold.json');
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

uiTest('?policy=URL&account=URL loads both', async ({ expectText }) => {
  await expectText('policy-version', '2026.11.1');
  await expectText('partner-level', '金牌');
}, { query: '?policy=/remote/policy.json&account=/remote/gold.json' });

uiTest('an order file opens as the draft: SPEC example 13 margin', async ({ openSpec, expectText, expectValue }) => {
  await openSpec('gold.json', 'ex13-margin.json');
  await expectText('partner-level', '金牌');
  await expectValue('line-0-resale', '1600.00');
  await expectText('margin-revenue', '¥19,200.00');
  await expectText('margin-front', '¥5,862.00');
  await expectText('margin-financing', '¥65.78');
  await expectText('margin-net', '¥5,796.22');
  await expectText('margin-pct', '30.19 %');
});

uiTest('a file dropped on the header is opened', async ({ page, expectText, figure }) => {
  const json = fs.readFileSync(specFile('accounts/distributor.json'), 'utf8');
  const dataTransfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'distributor.json', { type: 'application/json' }));
    return dt;
  }, json);
  await page.dispatchEvent('header', 'drop', { dataTransfer });
  // The demo has a partner with the same id and level; the dropped one has
  // no demo tag and its own credit limit.
  await eventually(() => page.getByTestId('partner').evaluate((s) => s.selectedOptions[0]?.textContent),
    (t) => t === '神州汇通分销有限公司 · P-0001', 'the dropped account is the partner');
  await expectText('partner-level', '一级分销');
  await expectText(figure('credit', '有效额度'), '¥500,000.00');
});

uiTest('a malformed policy file is reported in place and the quote stays', async ({ page, openSpec, expectText }) => {
  await openSpec('credit-tight.json', 'ex10-credit-130k.json');
  await expectText('total-payable', '¥130,000.00');
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

// ---------------------------------------------------------------------------
// Pricing: the waterfall and its steps.

uiTest('the price waterfall explains each step', async ({ openSpec, expectText, waterfall }) => {
  await openSpec('gold.json', 'ex01-level-volume.json');
  await expectText('net-unit-0', '¥1,111.5000');
  assert.deepEqual(await waterfall(0), [
    ['目录价', '¥1,800.0000'],
    ['等级折扣', '金牌 (gold)', '→ ¥1,170.0000', '节省 ¥7,560.00'],
    ['批量折扣', 'VB-USER', '→ ¥1,111.5000', '节省 ¥702.00'],
  ]);
});

uiTest('SPEC example 2: graduated volume, free goods and the order discount', async ({ page, openSpec, expectText, newOrder, addProduct }) => {
  await openSpec('silver.json');
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

uiTest('a special price with an approval code sets the net unit price', async ({ page, openSpec, newOrder, addProduct, expectText, expectNone, waterfall }) => {
  // SPEC example 6's line, typed: 4 × ERP-STD at a special price of 10 000.
  await openSpec('gold-rebate.json');
  await newOrder('2026-11-20');
  await addProduct('ERP-STD', 4);
  await expectText('net-unit-0', '¥7,800.0000');
  await expectText('total-gross', '¥35,256.00');

  // A special price without an approval code: the message sits next to
  // the approval field and the last valid quote stays.
  await page.fill('[data-testid=line-0-special]', '10000.00');
  const approvalField = page.locator('.field', { has: page.getByTestId('line-0-approval') });
  await expectText(approvalField.getByRole('alert'), '特价必须填写厂商的审批号');
  assert.equal(await page.getByTestId('line-0-approval').getAttribute('aria-invalid'), 'true');
  const describedBy = await page.getByTestId('line-0-approval').getAttribute('aria-describedby');
  await expectText(page.locator(`[id="${describedBy}"]`), '特价必须填写厂商的审批号');
  await expectText('stale', '上一次有效的报价');
  await expectText('net-unit-0', '¥7,800.0000');
  await expectText('total-gross', '¥35,256.00');

  await page.fill('[data-testid=line-0-approval]', 'SB-2026-118');
  await expectNone('field-error');
  await expectNone('stale');
  await expectText('net-unit-0', '¥10,000.0000');
  await expectText('net-amount-0', '¥40,000.00');
  await expectText('tax-0', '¥5,200.00');
  await expectText('total-gross', '¥45,200.00');
  assert.deepEqual(await waterfall(0), [
    ['目录价', '¥12,000.0000'],
    ['特价审批', 'SB-2026-118', '→ ¥10,000.0000', '节省 ¥8,000.00'],
  ]);
});

uiTest('SPEC example 5: a deal registration id adds the deal-registration step', async ({ page, openSpec, newOrder, addProduct, expectText, waterfall }) => {
  await openSpec('gold.json');
  await newOrder('2026-11-20');
  await addProduct('ERP-STD', 2);
  await expectText('net-unit-0', '¥7,800.0000');
  assert.deepEqual((await waterfall(0)).map((s) => s[0]), ['目录价', '等级折扣']);

  await page.getByLabel('项目报备编号').fill('DR-2026-0042');
  await expectText('net-unit-0', '¥7,410.0000');
  await expectText('net-amount-0', '¥14,820.00');
  await expectText('tax-0', '¥1,926.60');
  await expectText('total-gross', '¥16,746.60');
  assert.deepEqual(await waterfall(0), [
    ['目录价', '¥12,000.0000'],
    ['等级折扣', '金牌 (gold)', '→ ¥7,800.0000', '节省 ¥8,400.00'],
    ['项目报备', 'DR-2026-0042', '→ ¥7,410.0000', '节省 ¥780.00'],
  ]);
});

uiTest('deal registration applies only to the categories the policy registers (registered partner)', async ({ page, openSpec, addProduct, expectText, waterfall }) => {
  // SPEC example 3 (cloud) plus a software line; the SPEC policy's deal
  // registration applies to software only.
  await openSpec('registered.json', 'ex03-best-promotion.json');
  await expectText('partner-level', '注册');
  await expectText('net-unit-0', '¥3,590.4000');
  await page.getByLabel('项目报备编号').fill('DR-2026-0042');
  await addProduct('ERP-STD', 2);
  await expectText('net-unit-1', '¥9,120.0000');
  await expectText('net-amount-1', '¥18,240.00');
  assert.deepEqual(await waterfall(1), [
    ['目录价', '¥12,000.0000'],
    ['等级折扣', '注册 (registered)', '→ ¥9,600.0000', '节省 ¥4,800.00'],
    ['项目报备', 'DR-2026-0042', '→ ¥9,120.0000', '节省 ¥960.00'],
  ]);
  // The cloud line keeps SPEC example 3's figures, without the step.
  await expectText('net-unit-0', '¥3,590.4000');
  await expectText('net-amount-0', '¥17,952.00');
  assert.deepEqual((await waterfall(0)).map((s) => s[0]), ['目录价', '等级折扣', '促销']);
  await expectText('total-gross', '¥39,640.32');
});

// ---------------------------------------------------------------------------
// Rebates, credit and margin.

uiTest('rebates near a tier: before → after and what the next tier needs (demo partner)', async ({ choosePartner, newOrder, addProduct, expectText, figure, page }) => {
  // The demo partner "just below a rebate tier": software & cloud target
  // 1 000 000, 760 000 bought so far (76 %), next tier 80 % pays 2 % on all.
  await choosePartner('神州汇通分销有限公司');
  await expectText('partner-level', '一级分销');
  await newOrder('2026-11-20');
  await addProduct('ERP-STD', 3); // 3 × 12 000 × (1 − 40 %) = 21 600
  const rebate = page.getByTestId('rebate-0');
  await expectText(rebate, '软件与云季度返利');
  await expectText(rebate, '76.00 % → 78.16 %');
  await expectText(figure(rebate, '本单计入'), '¥21,600.00');
  await expectText(figure(rebate, '下单前返利'), '¥0.00');
  await expectText(figure(rebate, '下单后返利'), '¥0.00');
  await expectText('rebate-impact-0', '¥0.00');
  // 800 000 − 781 600 = 18 400 more reaches 80 %, which pays 2 % × 800 000.
  await expectText('rebate-nudge-0', '再采购 ¥18,400.00 的软件和云服务产品即可达到 80.00 %，多得返利 ¥16,000.00。');

  // Three more licences cross the tier: 2 % on the whole 803 200.
  await page.fill('[data-testid=line-0-qty]', '6');
  await expectText(rebate, '76.00 % → 80.32 %');
  await expectText(figure(rebate, '本单计入'), '¥43,200.00');
  await expectText(figure(rebate, '下单前返利'), '¥0.00');
  await expectText(figure(rebate, '下单后返利'), '¥16,064.00');
  await expectText('rebate-impact-0', '¥16,064.00');
  await expectText('rebate-nudge-0', '再采购 ¥196,800.00 的软件和云服务产品即可达到 100.00 %，多得返利 ¥13,936.00。');
});

uiTest('SPEC examples 6 and 7: retroactive and incremental rebates', async ({ page, openSpec, expectText, figure }) => {
  await openSpec('gold-rebate.json', 'ex06-rebates.json');
  await expectText('net-amount-0', '¥40,000.00');
  const retro = page.getByTestId('rebate-0');
  await expectText(retro, '四季度销量返利');
  await expectText(retro, '76.00 % → 84.00 %');
  await expectText(figure(retro, '下单前返利'), '¥0.00');
  await expectText(figure(retro, '下单后返利'), '¥8,400.00');
  await expectText('rebate-impact-0', '¥8,400.00');
  await expectText('rebate-nudge-0', '再采购 ¥80,000.00 的软件和云服务产品即可达到 100.00 %，多得返利 ¥6,600.00。');
  const stepped = page.getByTestId('rebate-1');
  await expectText(stepped, '四季度阶梯返利');
  await expectText(figure(stepped, '下单后返利'), '¥400.00');
  await expectText('rebate-impact-1', '¥400.00');
  await expectText('rebate-nudge-1', '再采购 ¥80,000.00 的软件和云服务产品即可达到 100.00 %，多得返利 ¥1,600.00。');
});

uiTest('SPEC example 10: credit needs a prepayment', async ({ page, openSpec, newOrder, addProduct, expectText }) => {
  await openSpec('credit-tight.json');
  await expectText('partner-level', '注册');
  await newOrder('2026-11-20');
  await addProduct('EDU-COURSE', 130);
  await expectText('total-payable', '¥130,000.00');
  await expectText('credit-decision', '需预付');
  await expectText('credit-prepayment', '¥20,000.00');
  await expectText('credit-utilization', '108.00 %');
  await expectText('credit-available-after', '-¥20,000.00');
  assert.equal(await page.locator('[data-testid=live-summary]').textContent(), '应付金额 ¥130,000.00；信用检查：需预付');
});

uiTest('a markup fills the resale price and the margin follows', async ({ page, openSpec, text, expectText, expectValue }) => {
  await openSpec('gold.json', 'ex01-level-volume.json');
  await expectText('net-unit-0', '¥1,111.5000');
  await expectText('margin', '填写每行的转售单价（或加价率）即可看到利润');
  const unit = unitOf(await text('net-unit-0'));

  // 1 111.5 × 115 / 100 = 1 278.225 → 1 278.23 (half up, to cents).
  await page.fill('[data-testid=line-0-markup]', '15');
  assert.equal(resaleFor(unit, 15), '1278.23');
  await expectValue('line-0-resale', '1278.23');
  await expectText('margin-revenue', '¥15,338.76'); // 12 × 1 278.23
  await expectText('margin-cost', '¥13,338.00');
  await expectText('margin-front', '¥2,000.76');
  await expectText('margin-financing', '¥0.00'); // customer pays in 30 days = the terms
  await expectText('margin-net', '¥2,000.76');
  await expectText('margin-pct', '13.04 %');
  await expectText(page.locator('.line-margins li').first(), 'ERP-USER');
  await expectText(page.locator('.line-margins li').first(), '¥2,000.76');

  await page.fill('[data-testid=line-0-markup]', '20');
  await expectValue('line-0-resale', resaleFor(unit, 20));
  await expectValue('line-0-resale', '1333.80');
  await expectText('margin-revenue', '¥16,005.60');
  await expectText('margin-net', '¥2,667.60');
  await expectText('margin-pct', '16.67 %');

  // 5 units miss the volume break: the unit price rises to 1 170, and the
  // markup keeps holding — 1 170 × 1.2 = 1 404.00.
  await page.fill('[data-testid=line-0-qty]', '5');
  await expectText('net-unit-0', '¥1,170.0000');
  await expectValue('line-0-resale', '1404.00');
  await expectText('margin-revenue', '¥7,020.00');
  await expectText('margin-pct', '16.67 %');
});

// ---------------------------------------------------------------------------
// Editing the order.

uiTest('removing a line: it disappears and the totals drop to the remaining line', async ({ page, openSpec, newOrder, addProduct, lineSkus, expectText, expectNone }) => {
  await openSpec('gold.json');
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 12); // SPEC example 1: net 13 338.00, gross 15 071.94
  await addProduct('ERP-STD', 2); // 2 × 7 800: net 15 600.00, tax 2 028.00
  await expectText('total-net', '¥28,938.00');
  await expectText('total-gross', '¥32,699.94');

  await page.getByRole('button', { name: '删除此行 1', exact: true }).click();
  await eventually(lineSkus, (s) => JSON.stringify(s) === '["ERP-STD"]', 'the lines left');
  await expectNone('quote-line-1');
  await expectText('quote-line-0', 'ERP-STD');
  await expectText('net-unit-0', '¥7,800.0000');
  await expectText('total-list', '¥24,000.00');
  await expectText('total-discount', '¥8,400.00');
  await expectText('total-net', '¥15,600.00');
  await expectText('total-tax', '¥2,028.00');
  await expectText('total-gross', '¥17,628.00');
  await expectText('total-payable', '¥17,628.00');

  await page.getByRole('button', { name: '删除此行 1', exact: true }).click();
  await expectText('empty-order', '订单还是空的');
  await expectText('no-quote', '添加产品并填写有效数量后');
  await expectNone('quote-lines');
});

uiTest('a bad quantity gets an inline message and the last quote stays', async ({ page, openSpec, expectText, expectNone }) => {
  await openSpec('credit-tight.json', 'ex10-credit-130k.json');
  await expectText('total-payable', '¥130,000.00');
  await page.fill('[data-testid=line-0-qty]', '13o');
  await expectText('field-error', '1 到 1000000');
  await expectText('stale', '上一次有效的报价');
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '13o');
  await expectText('total-payable', '¥130,000.00');
  // Full-width digits from a Chinese input method are understood.
  await page.fill('[data-testid=line-0-qty]', '６０');
  await expectText('total-payable', '¥60,000.00');
  await expectNone('field-error');
});

uiTest('keyboard: search, arrow keys and Enter add a product', async ({ page, lineSkus, expectText }) => {
  await page.fill('[data-testid=product-search]', 'ERP');
  const highlighted = page.locator('[data-testid=product-option][aria-selected=true] code');
  await expectText(highlighted, 'ERP-STD');
  await page.press('[data-testid=product-search]', 'ArrowDown');
  await page.press('[data-testid=product-search]', 'ArrowDown');
  await expectText(highlighted, 'ERP-USER');
  const before = (await lineSkus()).length;
  await page.press('[data-testid=product-search]', 'Enter');
  await eventually(lineSkus, (s) => s.length === before + 1, 'a line was added');
  assert.equal((await lineSkus()).at(-1), 'ERP-USER');
  assert.equal(await page.inputValue('[data-testid=product-search]'), '');
});

// ---------------------------------------------------------------------------
// Language, saving and downloading.

uiTest('switching the language switches every label', async ({ page, openSpec, expectText }) => {
  await openSpec('credit-tight.json', 'ex10-credit-130k.json');
  await expectText('credit-decision', '需预付');
  await page.click('[data-testid=lang-switch]');
  await expectText('credit-decision', 'Prepayment required');
  await expectText('credit', 'Credit check');
  assert.equal(await page.locator('[data-testid=live-summary]').textContent(), 'Payable ¥130,000.00; Credit check: Prepayment required');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.getByRole('heading', { name: 'Quote' }).isVisible());
  await page.click('[data-testid=lang-switch]');
  await expectText('credit-decision', '需预付');
});

uiTest('the draft comes back after a reload', async ({ page, openSpec, expectText, expectValue }) => {
  await openSpec('credit-tight.json', 'ex10-credit-130k.json');
  await expectText('credit-prepayment', '¥20,000.00');
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await expectValue('line-0-qty', '130');
  await expectText('policy-version', '2026.11.1');
  await expectText('notices', '已恢复');
  await expectText('credit-prepayment', '¥20,000.00');
});

uiTest('an opened account is still the partner after a reload, even when a demo partner has its id', async ({ page, openFiles, expectText, figure }) => {
  // tests/spec/accounts/gold.json and the demo's first partner are both P-1001.
  await openFiles('accounts/gold.json');
  const partner = () => page.getByTestId('partner').evaluate((s) => s.selectedOptions[0]?.textContent);
  await eventually(partner, (t) => t === '华东云启科技有限公司 · P-1001', 'the opened account is the partner');
  await expectText(figure('credit', '有效额度'), '¥500,000.00');
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await eventually(partner, (t) => t === '华东云启科技有限公司 · P-1001', 'the opened account is still the partner');
  await expectText(figure('credit', '有效额度'), '¥500,000.00');
});

uiTest('the order downloads as JSON that the CLI would read', async ({ page, openSpec, expectText }) => {
  await openSpec('gold.json', 'ex13-margin.json');
  await expectText('margin-net', '¥5,796.22');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-order]')]);
  const order = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(order.schema, 'channel-order/1');
  assert.equal(order.date, '2026-11-20');
  assert.deepEqual(order.lines, [{ sku: 'ERP-USER', qty: 12, resale_price: '1600.00' }]);
  assert.equal(order.margin.cost_of_capital, '0.06');
});

// ---------------------------------------------------------------------------
// The business plan studio (经营测算).

// The demo plan's net profit per level, as
//   channel-quote plan --policy web/src/app/demo/policy.json --plan web/src/app/demo/plan.json
// gives it (levels registered, silver, gold, distributor).
const demoPlanNet = ['¥169,616.98', '¥303,856.68', '¥375,334.27', '¥483,314.92'];

uiTest('#plan opens the studio on the demo plan: levels side by side, in both languages', async ({ page, text, expectText }) => {
  await expectText('plan-title', '神州汇通 · 2026 年 10 月至 2027 年 3 月经营测算');
  await expectText('plan-partner', '神州汇通分销有限公司');
  assert.equal(await page.getByTestId('mode-plan').getAttribute('aria-current'), 'page');
  assert.equal(await page.getByTestId('quote-lines').count(), 0);
  const levels = ['注册代理商', '银牌代理商', '金牌代理商', '一级分销'];
  for (const [i, name] of levels.entries()) {
    await expectText(`plan-level-${i}`, name);
    assert.equal(await text(`plan-net-profit-${i}`), demoPlanNet[i]);
  }
  // Real table headers: one column per level, one row per figure.
  const table = page.getByRole('table', { name: '整个测算期的经营结果，每列一个等级' });
  assert.equal(await table.locator('thead th[scope=col]').count(), 5);
  assert.ok(await table.getByRole('rowheader', { name: '净利润', exact: true }).isVisible());
  assert.ok(await table.getByRole('rowheader', { name: '厂商每赚 ¥1，伙伴留存', exact: true }).isVisible());
  await expectText('plan-profit-per-vendor-yuan-2', '¥0.27');
  await expectText('plan-net-profit-pct-3', '22.85 %');
  await expectText('plan-move-0', '从注册代理商到银牌代理商，本测算期内多赚 ¥134,239.70');
  await expectText('plan-move-1', '从银牌代理商到金牌代理商，本测算期内多赚 ¥71,477.59');
  await expectText('plan-move-2', '从金牌代理商到一级分销，本测算期内多赚 ¥107,980.65');

  // Period by period, first level by default; gold ends March just short
  // of the software & cloud rebate's 100 % tier.
  await expectText('plan-periods-caption', '注册代理商');
  await page.getByLabel('显示等级', { exact: true }).selectOption({ label: '金牌代理商' });
  await expectText('plan-periods-caption', '金牌代理商');
  await expectText('plan-period-5', '2027-03');
  await expectText('plan-period-purchase-5', '¥289,885.69');
  await expectText('plan-period-contribution-5', '¥170,938.37');
  await expectText('plan-period-rebates-5', '软件与云季度返利（78.70 % → 99.85 %）：再采购 ¥1,486.38 的软件和云服务产品即可达到 100.00 %，多得返利 ¥10,029.73。');

  await page.click('[data-testid=lang-switch]');
  await expectText('plan-move-1', 'Moving from Silver reseller to Gold reseller is worth ¥71,477.59 over this plan');
  await expectText('plan-level-2', 'Gold reseller');
  await expectText('plan-net-profit', 'Net profit');
  assert.equal(await text('plan-net-profit-2'), demoPlanNet[2]);
  await expectText('plan-period-rebates-5', 'Buy ¥1,486.38 more of software and cloud to reach 100.00 % and earn ¥10,029.73 more.');
  await expectText('mode-order', 'Order quote');
}, { hash: '#plan', ready: 'plan-levels' });

uiTest('the header links the order calculator and the plan studio, each a page of its own; back and forward follow', async ({ page, expectNone }) => {
  // Each page downloads its own bundle only.
  const bundles = () => page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => e.name.split('/').pop()).filter((n) => n.endsWith('.wasm')).map((n) => n.replace(/-[0-9a-f]+_bg\.wasm$/, '')));
  assert.deepEqual(await bundles(), ['channel-quote-web']);
  await page.click('[data-testid=mode-plan]');
  await page.getByTestId('plan-levels').waitFor();
  assert.equal(new URL(page.url()).pathname, '/plan.html');
  assert.deepEqual(await bundles(), ['channel-quote-studio']);
  await expectNone('quote-lines');
  await page.goBack();
  await page.getByTestId('quote-lines').waitFor();
  await expectNone('plan-studio');
  await page.goForward();
  await page.getByTestId('plan-levels').waitFor();
  // By keyboard: the switch is a pair of links.
  await page.getByTestId('mode-order').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('quote-lines').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.getByTestId('mode-order').getAttribute('aria-current'), 'page');
  // Links made when the studio and the chain were #plan and #chain of the
  // calculator's page still arrive there.
  for (const [hash, ready, path] of [['#plan', 'plan-levels', '/plan.html'], ['#chain', 'chain-view', '/chain.html']]) {
    const address = new URL(`/${hash}`, page.url()).href;
    await page.goto('about:blank');
    await page.goto(address);
    await page.getByTestId(ready).waitFor();
    assert.equal(new URL(page.url()).pathname, path);
  }
});

uiTest('a plan file opened with its policy opens the studio: PLAN.md example, gold nets more than silver', async ({ page, openFiles, text, expectText }) => {
  // From the order calculator. The plan first: it is still checked against
  // the policy opened with it.
  await openFiles('plans/q4.json', 'policy.json');
  await page.getByTestId('plan-levels').waitFor();
  assert.equal(new URL(page.url()).pathname, '/plan.html');
  await expectText('policy-version', '2026.11.1');
  await expectText('plan-source', 'q4.json');
  await expectText('plan-level-0', '银牌');
  await expectText('plan-level-1', '金牌');
  await expectText('plan-net-profit-0', '¥158,769.43');
  await expectText('plan-net-profit-1', '¥199,687.27');
  await expectText('plan-profit-per-vendor-yuan-0', '¥0.18');
  await expectText('plan-profit-per-vendor-yuan-1', '¥0.24');
  // 199,687.27 − 158,769.43 = 40,917.84
  assert.equal(await text('plan-move-0'), '从银牌到金牌，本测算期内多赚 ¥40,917.84');
  await page.getByLabel('显示等级', { exact: true }).selectOption({ label: '金牌' });
  await expectText('plan-period-rebates-3', '再采购 ¥2,434.40 的');

  // Autosaved: the plan in progress comes back after a reload.
  await page.reload();
  await page.getByTestId('plan-levels').waitFor();
  await expectText('plan-source', 'q4.json');
  await expectText('plan-net-profit-1', '¥199,687.27');

  // Downloaded as a plan the CLI reads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-plan]')]);
  assert.equal(download.suggestedFilename(), 'q4.json');
  const plan = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const original = specJson('plans/q4.json');
  assert.equal(plan.schema, 'channel-plan/1');
  assert.equal(plan.title, original.title);
  assert.deepEqual(plan.levels, original.levels);
  assert.deepEqual(plan.periods.map((p) => p.lines), original.periods.map((p) => p.lines));
});

uiTest('a plan that does not fit the policy lists every problem and the plan in use stays', async ({ openFiles, expectText, text }) => {
  // PLAN.md's example names rebate programs the demo policy does not have.
  await openFiles('plans/q4.json');
  await expectText('load-errors', 'q4.json');
  await expectText('load-errors', 'plan.rebate_targets[0].program');
  await expectText('load-errors', 'plan.rebate_targets[1].program');
  await expectText('plan-title', '神州汇通');
  assert.equal(await text('plan-net-profit-3'), demoPlanNet[3]);
}, { hash: '#plan', ready: 'plan-levels' });

uiTest('a malformed plan file lists its problems with their paths and the demo plan stays', async ({ page, text, expectText }) => {
  const demoPlan = JSON.parse(fs.readFileSync(path.resolve(here, '../../web/src/app/demo/plan.json'), 'utf8'));
  const levelsShown = async () => {
    for (const [i, name] of ['注册代理商', '银牌代理商', '金牌代理商', '一级分销'].entries()) {
      await expectText(`plan-level-${i}`, name);
      assert.equal(await text(`plan-net-profit-${i}`), demoPlanNet[i]);
    }
    assert.equal(await text('plan-title'), demoPlan.title);
  };
  await levelsShown();
  // A quantity in words and no title: both problems, each at its path.
  const bad = structuredClone(demoPlan);
  bad.periods[0].lines[0].qty = 'five';
  delete bad.title;
  const badFile = path.join(os.tmpdir(), 'channel-quote-e2e-bad-plan.json');
  fs.writeFileSync(badFile, JSON.stringify(bad, null, 2));
  await page.setInputFiles('[data-testid=file-input]', badFile);
  await expectText('load-errors', 'channel-quote-e2e-bad-plan.json');
  await expectText('load-errors', 'plan.periods[0].lines[0].qty');
  await expectText('load-errors', 'plan.title');
  await levelsShown();
  assert.equal(await page.getByTestId('entry-period-0-line-0-qty').inputValue(), String(demoPlan.periods[0].lines[0].qty));
  // Truncated JSON: said so, and the plan still stays.
  const cutFile = path.join(os.tmpdir(), 'channel-quote-e2e-cut-plan.json');
  const full = JSON.stringify(demoPlan);
  fs.writeFileSync(cutFile, full.slice(0, Math.floor(full.length / 2)));
  await page.setInputFiles('[data-testid=file-input]', cutFile);
  await expectText('load-errors', 'channel-quote-e2e-cut-plan.json');
  await expectText('load-errors', 'JSON');
  await levelsShown();
}, { hash: '#plan', ready: 'plan-levels' });

uiTest('the studio charts the profit stack per level, periods and attainment, each with its numbers', async ({ page, text, expectText }) => {
  // PLAN.md P4 through ?policy=&plan=: both fetched, then opened together.
  await page.waitForSelector('[data-testid=plan-charts]');
  const gold = '[data-testid=plan-stack-gold]';
  await expectText('plan-stack-gold', '金牌');
  // The waterfall ends at net profit; the table says the same numbers.
  await page.locator(`${gold} details summary`).click();
  const rows = await page.locator(`${gold} table tbody tr`).allInnerTexts();
  assert.equal(rows.length, 7);
  assert.ok(rows[6].includes('净利润') && rows[6].includes('¥199,687.27'), rows[6]);
  assert.ok(rows[5].includes('−¥155,000.00'), rows[5]); // fixed costs 3 × 45,000 + 20,000, shown with a sign
  // Every bar carries words, not colour alone; the text alternative is there.
  assert.ok((await page.locator(`${gold} svg rect`).count()) === 7);
  assert.ok((await text('plan-stack-silver')).includes('¥158,769.43'));
  // The first level shown is silver: its attainment ends Q4 at 106.85 %.
  await expectText('plan-attainment-chart-silver', '106.85 %');
  assert.ok((await page.locator('[data-testid=plan-attainment-chart-silver] svg .rule.tier').count()) >= 2);
}, { query: '?policy=/remote/policy.json&plan=/remote/q4.json', hash: '#plan', ready: 'plan-levels' });

uiTest('presentation mode hides the inputs and highlights one level', async ({ page }) => {
  const visible = (sel) => page.locator(sel).first().isVisible();
  assert.equal(await visible('[data-testid=download-plan]'), true);
  await page.click('[data-testid=plan-present]');
  await page.waitForFunction(() => document.body.classList.contains('presenting'));
  assert.equal(await visible('[data-testid=download-plan]'), false);
  assert.equal(await visible('[data-testid=mode-plan]'), false);
  assert.equal(await page.getByRole('button', { name: '退出演示' }).isVisible(), true);
  await page.selectOption('[data-testid=plan-highlight]', '2');
  await page.waitForFunction(() => document.querySelector('[data-testid=plan-level-2]').classList.contains('highlight'));
  const size = await page.evaluate(() => getComputedStyle(document.body).fontSize);
  assert.equal(size, '20px');
  await page.click('[data-testid=plan-present]');
  await page.waitForFunction(() => !document.body.classList.contains('presenting'));
  assert.equal(await visible('[data-testid=download-plan]'), true);
}, { hash: '#plan', ready: 'plan-levels' });

// ---------------------------------------------------------------------------
// Plan entry (issue 7): editing the plan in the studio.

const repo = path.resolve(here, '../..');
const demoPolicyFile = path.join(repo, 'web/src/app/demo/policy.json');
const cli = path.join(repo, 'target/release/channel-quote');
/** `169616.98` → `¥169,616.98`. */
const yuan = (s) => {
  const [int, frac] = s.replace('-', '').split('.');
  return `${s.startsWith('-') ? '-' : ''}¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};
/** The demo plan with every quantity × (100 + g) / 100, half up, then up to the order multiple. */
const scaledDemoPlan = (g) => {
  const plan = JSON.parse(fs.readFileSync(path.join(repo, 'web/src/app/demo/plan.json'), 'utf8'));
  const multiples = Object.fromEntries(JSON.parse(fs.readFileSync(demoPolicyFile, 'utf8')).products
    .map((p) => [p.sku, p.order_multiple ?? 1]));
  for (const p of plan.periods) {
    for (const l of p.lines) {
      const units = Math.floor((2 * l.qty * (100 + g) + 100) / 200);
      const m = multiples[l.sku];
      l.qty = Math.max(1, Math.ceil(units / m)) * m;
    }
  }
  return plan;
};

uiTest('a growth % applied to all periods gives every level the net profit the CLI gives for the scaled plan', async ({ page, text }) => {
  const file = '/tmp/channel-quote-e2e-scaled-plan.json';
  fs.writeFileSync(file, JSON.stringify(scaledDemoPlan(15), null, 2));
  const { execFileSync } = await import('node:child_process');
  const result = JSON.parse(execFileSync(cli, ['plan', '--policy', demoPolicyFile, '--plan', file], { encoding: 'utf8' }));
  const want = result.levels.map((l) => yuan(l.totals.net_profit));
  assert.equal(want.length, 4);
  for (let i = 0; i < 4; i++) assert.equal(await text(`plan-net-profit-${i}`), demoPlanNet[i]);
  await page.fill('[data-testid=plan-growth]', '15');
  await page.click('[data-testid=plan-apply-growth]');
  for (let i = 0; i < 4; i++) {
    await eventually(() => text(`plan-net-profit-${i}`), (t) => t === want[i], `level ${i} net profit should be ${want[i]}`);
    assert.notEqual(want[i], demoPlanNet[i]);
  }
  await eventually(() => page.locator('[data-testid=entry-period-0-line-0-qty]').inputValue(), (v) => v === '9', 'ERP-STD 8 × 1.15 = 9.2 → 9');
}, { hash: '#plan', ready: 'plan-levels' });

uiTest('a resale markup per category prices every line of it from the first level\'s net price', async ({ page, expectText, expectValue, expectNone }) => {
  const resale = 'entry-period-0-line-0-resale';
  await expectValue(resale, '10500.00');
  await page.getByTestId('plan-markup-category').selectOption('software');
  await page.fill('[data-testid=plan-markup]', '1001');
  await page.click('[data-testid=plan-apply-markup]');
  await expectText(page.locator('.plan-markup [data-testid=plan-field-error]'), '0 到 1000');
  assert.equal(await page.getByTestId('plan-markup').getAttribute('aria-invalid'), 'true');
  await expectValue(resale, '10500.00');
  // ERP-STD nets ¥9,408.0000 at the registered level: × 1.125 = 10584.00.
  await page.fill('[data-testid=plan-markup]', '１２．５');
  await expectNone(page.locator('.plan-markup [data-testid=plan-field-error]'));
  await page.click('[data-testid=plan-apply-markup]');
  await expectValue(resale, '10584.00');
  await expectValue('entry-period-0-line-2-resale', '4500.00');
}, { hash: '#plan', ready: 'plan-levels' });

uiTest('a bad plan quantity is flagged on its input and the last figures stay, marked stale', async ({ page, text, expectText, expectNone }) => {
  const qty = page.getByTestId('entry-period-2-line-0-qty');
  await qty.fill('12x');
  await expectText('plan-stale', '上次有效的结果');
  const cell = page.locator('td', { has: qty });
  await eventually(() => cell.getByTestId('plan-field-error').innerText(), (t) => t.startsWith('⚠ ') && t.includes('1 到 1000000'), 'the quantity says what is wrong');
  assert.equal(await qty.getAttribute('aria-invalid'), 'true');
  for (let i = 0; i < 4; i++) assert.equal(await text(`plan-net-profit-${i}`), demoPlanNet[i]);
  assert.equal(await qty.inputValue(), '12x', 'what was typed stays');
  // Fixed: current again, with new figures.
  await qty.fill('13');
  await expectNone('plan-stale');
  await eventually(() => text('plan-net-profit-0'), (t) => t !== demoPlanNet[0], 'the figures follow the fix');
}, { hash: '#plan', ready: 'plan-levels' });

uiTest('"open in the order calculator" brings the period\'s order to the order screen', async ({ page, expectText }) => {
  await page.click('[data-testid=entry-period-1-open]');
  await page.getByTestId('quote-lines').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.getByTestId('order-date').inputValue(), '2026-11-15');
  assert.equal(await page.getByTestId('payment-days').inputValue(), '60');
  assert.equal(await page.getByTestId('capital').inputValue(), '6');
  const lines = [['10', '10500.00'], ['20', '4500.00'], ['40', '2300.00']];
  for (const [i, [qty, resale]] of lines.entries()) {
    assert.equal(await page.getByTestId(`line-${i}-qty`).inputValue(), qty);
    assert.equal(await page.getByTestId(`line-${i}-resale`).inputValue(), resale);
  }
  await expectText('quote-lines', 'POS-T1');
}, { hash: '#plan', ready: 'plan-levels' });

uiTest('on a phone the studio fits the screen: nothing scrolls sideways, wide tables scroll in their own box', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForSelector('[data-testid=plan-levels]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(overflow, 0);
  await page.waitForSelector('[data-testid=plan-charts]');
  const chartWidth = await page.locator('[data-testid=plan-charts] svg').first().evaluate((s) => s.getBoundingClientRect().width);
  assert.ok(chartWidth <= 360 && chartWidth > 200, `chart width ${chartWidth}`);
}, { hash: '#plan', ready: 'plan-levels', locale: 'en-US' });

for (const locale of ['zh-CN', 'en-US']) {
  uiTest(`the plan prints on two A4 pages, without inputs (${locale})`, async ({ page }) => {
    await page.waitForSelector('[data-testid=plan-charts]');
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 2);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.plan-inputs').first().isVisible(), false);
    assert.equal(await page.locator('[data-testid=plan-levels]').isVisible(), true);
  }, { hash: '#plan', ready: 'plan-levels', locale });
}
