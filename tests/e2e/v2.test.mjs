// SPEC-v2 in the browser, as a partner uses it: a 满减 split over the
// lines and the 凑单 suggestion taken in one click; 现款 ↔ 账期 and what it
// does to price, due date and rebate payout; a credit manager's override
// code. Figures are SPEC-v2's worked examples (tests/spec/cases-v2.json).
import assert from 'node:assert/strict';
import { uiTest, specJson, eventually, spec } from './harness.mjs';

/** Opens SPEC-v2's policy, an account and an order, and waits for them. */
async function openV2(ui, account, order) {
  await ui.openFiles('policy-v2.json', `accounts/${account}`, `orders/${order}`);
  await ui.expectText('policy-version', specJson('policy-v2.json').version);
  const o = specJson(`orders/${order}`);
  await ui.expectValue('order-date', o.date);
  await eventually(ui.lineSkus, (skus) => JSON.stringify(skus) === JSON.stringify(o.lines.map((l) => l.sku)),
    `the order lines of ${order}`);
}

uiTest('a 满减 is split over its lines, and the 凑单 suggestion reaches the gift', async (ui) => {
  const { page, expectText, text, waterfall } = ui;
  await openV2(ui, 'gold.json', 'v2-01-mj-allocation.json');
  // SPEC-v2 example 1: 1000.00 over 13338.00 and 15600.00 → 460.92 / 539.08.
  await expectText('op-status-0', '满减 · 已享受 · ¥1,000.00');
  await expectText('op-status-0', '参与金额 ¥28,938.00');
  await expectText('op-status-0', '满 ¥20,000.00 减 ¥1,000.00');
  const first = await waterfall(0);
  assert.deepEqual(first.at(-1).slice(-1), ['本行分摊 ¥460.92']);
  assert.match(first.at(-1)[1], /MJ-SOFT/);
  const second = await waterfall(1);
  assert.deepEqual(second.at(-1).slice(-1), ['本行分摊 ¥539.08']);
  await expectText('net-amount-0', '¥12,877.08');
  await expectText('net-amount-1', '¥15,060.92');
  await expectText('total-gross', '¥31,569.94');
  // MZ-SOFT (same group) is below its threshold; the gift is 2,062.00 away.
  await expectText('op-status-1', '未达门槛');
  await expectText('op-nudge-4', '再买 ¥2,062.00 即可获赠 1 ×');
  // One click: a new scenario buys enough software to reach it.
  await page.selectOption('[data-testid=op-reach-product-4]', 'ERP-USER');
  await page.click('[data-testid=op-reach-tier-4]');
  await expectText('scenario-tab-1', '方案 B');
  await expectText('op-status-4', '满赠 · 已享受 · 1 × EDU-COURSE');
  // The gift is a free line of the quote.
  const rows = await page.locator('[data-testid=quote-lines] tbody tr:not(.waterfall-row)').allInnerTexts();
  assert.ok(rows.some((r) => r.includes('EDU-COURSE')), rows.join('\n'));
  const qty = Number(await page.inputValue('[data-testid=line-0-qty]'));
  assert.ok(qty > 12, `bought more ERP-USER: ${qty}`);
  assert.ok(await text('op-status-4'));
});

uiTest('现款 ↔ 账期: price, due date, credit and the rebate payout follow the choice', async (ui) => {
  const { page, expectText, text } = ui;
  await openV2(ui, 'gold.json', 'v2-01-mj-allocation.json');
  await page.getByTestId('payment-option').selectOption('PREPAY');
  // PREPAY −0.5 % on both lines after the 满减: −64.39 and −75.30.
  await expectText('payment-effect', '现款折扣 −¥139.69');
  await expectText('payment-due-date', '2026-11-20');
  await expectText('credit-decision', '预付');
  await expectText('credit-notes', '预付订单不占用信用额度');
  const prepaid = await text('total-payable');
  await page.getByTestId('payment-option').selectOption('NET60');
  await expectText('payment-effect', '账期上浮 +¥279.38');
  await expectText('payment-due-date', '2027-01-19');
  await eventually(() => text('total-payable'), (t) => t !== prepaid, 'the payable moves with the option');
  await expectText('credit-decision', '通过');
});

uiTest('回款返利: paying later pays less rebate, and past the due date says so', async (ui) => {
  const { page, expectText } = ui;
  await openV2(ui, 'gold-rebate.json', 'v2-09-collection-rebate.json');
  // SPEC-v2 example 9: NET30, paid in 20 days → REB-Q4-STEP pays 80 %.
  await expectText('payment-payouts', '20 天回款');
  await expectText('payment-payouts', '按 80.00 % 兑现，少得 ¥80.00');
  await page.fill('[data-testid=expected-days]', '50');
  await expectText('payment-payouts', '按 0.00 % 兑现，少得 ¥400.00');
  await expectText('payment-late', '晚于账期');
});

uiTest('an override code lets an overdue partner through; without it the order is blocked', async (ui) => {
  const { page, expectText } = ui;
  await openV2(ui, 'credit-overdue.json', 'v2-10b-override-missing.json');
  await expectText('credit-decision', '已冻结');
  await expectText('credit-notes', '审批码');
  await page.fill('[data-testid=credit-override]', 'CR-2026-0007');
  await expectText('credit-decision', '审批放行');
  await expectText('credit-notes', 'CR-2026-0007');
  await expectText('credit-prepayment', '¥0.00');
});

uiTest('in English: the group pool binds and says so', async (ui) => {
  const { expectText } = ui;
  await openV2(ui, 'gold-group.json', 'v2-11-group-limit.json');
  await expectText('credit-prepayment', '¥4,000.00');
  await expectText('credit-notes', '集团额度 G-HUATONG');
  await expectText('credit-notes', '集团额度更紧');
  await ui.page.click('[data-testid=lang-switch]');
  await expectText('credit-notes', 'The group pool binds');
});

uiTest('the channel chain view reads SPEC-v2 example 16: who gets what of the customer\'s 45,200.00', async (ui) => {
  const { page, expectText, text } = ui;
  await ui.openFiles('policy-v2.json', 'accounts/distributor-rebate.json', 'orders/chain-order.json');
  await ui.expectText('policy-version', specJson('policy-v2.json').version);
  await ui.expectValue('order-date', specJson('orders/chain-order.json').date);
  await page.click('[data-testid=mode-chain]');
  await page.getByTestId('chain-view').waitFor();
  await page.setInputFiles('[data-testid=chain-file-input]', ['dist-policy.json', 'accounts/reseller-r1.json'].map((f) => `${spec}/${f}`));
  await expectText('chain-distributor-policy', specJson('dist-policy.json').version);
  await expectText('chain-customer', '¥45,200.00');
  await expectText('chain-vendor-net', '¥30,957.76');
  await expectText('chain-distributor-margin', '¥5,272.84');
  await expectText('chain-reseller-margin', '¥8,969.40');
  await expectText('chain-shares', '厂商 68.49 % · 分销商 11.67 % · 代理商 19.84 %');
  const line = await text('chain-line-0');
  assert.match(line, /64\.13 %/);
  assert.match(line, /14\.63 %/);
  assert.match(line, /21\.25 %/);
  // The distributor's files are kept: after a reload the split is the same.
  await page.reload();
  await page.getByTestId('chain-view').waitFor();
  await expectText('chain-distributor-policy', 'dist-policy.json');
  await expectText('chain-shares', '厂商 68.49 % · 分销商 11.67 % · 代理商 19.84 %');
  await ui.page.click('[data-testid=lang-switch]');
  await expectText('chain-shares', 'vendor 68.49 % · distributor 11.67 % · reseller 19.84 %');
});

uiTest('the demo chain marks the line the distributor sells below its own cost (价格倒挂)', async (ui) => {
  const { page, expectText, newOrder, addProduct } = ui;
  await newOrder('2026-11-27');
  await addProduct('AP-W6', 20);
  await page.fill('[data-testid=line-0-resale]', '820');
  await page.click('[data-testid=mode-chain]');
  await expectText('chain-warning', '价格倒挂');
  await expectText('chain-line-0', '价格倒挂');
  // The other demo reseller is silver: a smaller discount, no inversion.
  await page.getByTestId('chain-reseller').selectOption('1');
  await ui.expectNone('chain-warning');
}, { hash: '' });

uiTest('a 账期 order keeps its payment option through a saved quote and a share link', async (ui) => {
  const { page, expectText, newOrder, addProduct } = ui;
  await newOrder('2026-12-01');
  await addProduct('ERP-STD', 3);
  await page.getByTestId('payment-option').selectOption('NET60');
  await page.fill('[data-testid=expected-days]', '45');
  await expectText('payment-due-date', '2027-01-30');
  await expectText('payment-collection-days', '45');
  const payable = await ui.text('total-payable');
  await page.click('[data-testid=saved-save]');
  await expectText('saved-payable-0', payable);
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await page.getByTestId('payment-option').selectOption('');
  await ui.expectNone('payment');
  await page.click('[data-testid=saved-open-0]');
  await expectText('payment-due-date', '2027-01-30');
  assert.equal(await page.inputValue('[data-testid=payment-option]'), 'NET60');
  assert.equal(await page.inputValue('[data-testid=expected-days]'), '45');
  await expectText('total-payable', payable);
  // The share link carries the choice too.
  await page.click('[data-testid=share-make]');
  await page.getByTestId('share-link').waitFor();
  const link = await page.inputValue('[data-testid=share-link]');
  const ctx = await ui.page.context().browser().newContext({ locale: 'zh-CN' });
  const other = await ctx.newPage();
  await other.goto(link);
  await other.waitForSelector('[data-testid=payment-due-date]');
  assert.equal(await other.inputValue('[data-testid=payment-option]'), 'NET60');
  assert.equal((await other.getByTestId('total-payable').innerText()).trim(), payable.trim());
  await ctx.close();
});

for (const locale of ['zh-CN', 'en-US']) {
  uiTest(`on a phone the chain view and the v2 panels fit the screen (${locale})`, async (ui) => {
    const { page } = ui;
    await page.setViewportSize({ width: 360, height: 800 });
    await ui.openFiles('policy-v2.json', 'accounts/gold.json', 'orders/v2-01-mj-allocation.json');
    await ui.expectText('policy-version', specJson('policy-v2.json').version);
    await page.getByTestId('payment-option').selectOption('NET60');
    await page.getByTestId('payment').waitFor();
    await page.getByTestId('order-promotions').waitFor();
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(await sideways(), 0, 'the order screen scrolls sideways');
    await page.click('[data-testid=mode-chain]');
    await page.getByTestId('chain-view').waitFor();
    await page.getByTestId('chain-lines').or(page.getByTestId('chain-problems')).first().waitFor();
    assert.equal(await sideways(), 0, 'the chain view scrolls sideways');
  }, { locale });
}
