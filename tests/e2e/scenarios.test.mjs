// Scenarios (方案) as a partner and a sales rep use them: duplicate the
// order, change the copy, read how it differs from the first; let the
// next-tier nudge build the scenario that reaches the tier; simulate
// another level. Every expectation is a figure worked out by hand.
import assert from 'node:assert/strict';
import { uiTest } from './harness.mjs';

/** Money as shown (`¥1,234.50`) in cents, exactly. */
const cents = (shown) => {
  const m = /([−-])?\s*¥([\d,]+)\.(\d{2})/.exec(shown);
  assert.ok(m, `no amount in ${JSON.stringify(shown)}`);
  const v = BigInt(m[2].replace(/,/g, '') + m[3]);
  return m[1] ? -v : v;
};
const yuan = (c) => {
  const abs = c < 0n ? -c : c;
  const int = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${int}.${String(abs % 100n).padStart(2, '0')}`;
};

uiTest('two scenarios side by side: the copy buys more and says how much more it costs', async ({ page, text, expectText, newOrder, addProduct }) => {
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 10);
  await expectText('total-payable', '¥');
  const first = cents(await text('total-payable'));

  await page.click('[data-testid=scenario-duplicate]');
  await expectText('scenario-tab-1', '方案 B');
  assert.equal(await page.getAttribute('[data-testid=scenario-tab-1]', 'aria-selected'), 'true');
  await page.fill('[data-testid=line-0-qty]', '20');
  await expectText('compare-payable-1', '¥');
  await page.waitForFunction((before) => {
    const t = document.querySelector('[data-testid=total-payable]')?.textContent ?? '';
    return t !== before;
  }, await text('compare-payable-0'));
  const second = cents(await text('total-payable'));
  assert.ok(second > first);

  // Both columns, and the second's difference in sign and words.
  assert.equal(cents(await text('compare-payable-0')), first);
  assert.equal(cents(await text('compare-payable-1')), second);
  await expectText('diff-payable-1', `+ 多付 ${yuan(second - first)}`);
  assert.match(await page.getAttribute('[data-testid=diff-payable-1]', 'class'), /worse/);
  await expectText('diff-discount-1', '+ 多');

  // The first scenario is still there as it was: editing it again.
  await page.click('[data-testid=scenario-tab-0]');
  await expectText('total-payable', yuan(first));
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '10');

  // Names and removal.
  await page.click('[data-testid=scenario-tab-1]');
  await page.fill('[data-testid=scenario-name]', '大单');
  await page.press('[data-testid=scenario-name]', 'Enter');
  await page.locator('[data-testid=scenario-name]').blur();
  await expectText('scenario-tab-1', '方案 B · 大单');
  await page.click('[data-testid=scenario-remove-1]');
  await page.getByTestId('scenario-comparison').waitFor({ state: 'detached' });
  await expectText('total-payable', yuan(first));
});

uiTest('the next-tier nudge makes the scenario that reaches the tier, after its own discounts', async ({ page, choosePartner, newOrder, addProduct, expectText, text }) => {
  // Demo partner at 76 % of a 1 000 000 target; 80 % pays 2 % on all.
  await choosePartner('神州汇通分销有限公司');
  await newOrder('2026-11-20');
  await addProduct('ERP-STD', 3); // 21 600 counted: 78.16 %
  await expectText('rebate-nudge-0', '再采购 ¥18,400.00');
  await page.selectOption('[data-testid=reach-product-0]', 'ERP-STD');
  await page.click('[data-testid=reach-tier-0]');
  // 18 400 / 7 200 a licence → 3 more: 6 licences, 43 200 counted.
  await expectText('scenario-tab-1', '方案 B');
  await expectText('rebate-0', '76.00 % → 80.32 %');
  await expectText('rebate-impact-0', '¥16,064.00');
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '6');
  await expectText('compare-rebate-REB-SW-CLOUD-1', '¥16,064.00');
  const gain = await text('diff-rebate-REB-SW-CLOUD-1');
  assert.equal(gain, '+ 多 ¥16,064.00');
  await expectText('compare-attainment-REB-SW-CLOUD-1', '80.32 %');
});

uiTest('a rep simulates another level: marked as a simulation, priced at that level', async ({ page, expectText, text, newOrder, addProduct }) => {
  await newOrder('2026-11-20');
  await addProduct('ERP-STD', 2);
  await expectText('total-payable', '¥');
  const own = cents(await text('total-payable'));
  await page.click('[data-testid=scenario-duplicate]');
  const options = await page.locator('[data-testid=what-if-level] option').allInnerTexts();
  assert.ok(options.length >= 2, `levels offered: ${options}`);
  await page.selectOption('[data-testid=what-if-level]', { index: 1 });
  await expectText('what-if-notice', '模拟');
  await expectText('what-if-notice', '不能提交');
  await expectText('scenario-tab-1', '模拟');
  await page.waitForFunction((before) => document.querySelector('[data-testid=total-payable]')?.textContent !== before, yuan(own));
  assert.notEqual(cents(await text('total-payable')), own);
  await expectText('scenario-col-1', '模拟');
  // The partner's own scenario is untouched.
  await page.click('[data-testid=scenario-tab-0]');
  await expectText('total-payable', yuan(own));
  assert.equal(await page.getByTestId('what-if-notice').count(), 0);
});

uiTest('scenarios come back after a reload', async ({ page, expectText, newOrder, addProduct }) => {
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 10);
  await page.click('[data-testid=scenario-duplicate]');
  await page.fill('[data-testid=line-0-qty]', '15');
  await expectText('compare-payable-1', '¥');
  await page.reload();
  await page.getByTestId('scenario-comparison').waitFor();
  await expectText('scenario-tab-1', '方案 B');
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '15');
  await page.click('[data-testid=scenario-tab-0]');
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '10');
});

uiTest('in English, at phone width, the comparison says the difference in words', async ({ page, expectText, text, addProduct }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Clear order' }).click();
  await page.getByTestId('empty-order').waitFor();
  await addProduct('ERP-USER', 10);
  await page.click('[data-testid=scenario-duplicate]');
  await page.fill('[data-testid=line-0-qty]', '5');
  await expectText('diff-payable-1', 'less to pay');
  assert.match(await text('diff-payable-1'), /^− ¥[\d,]+\.\d{2} less to pay$/);
  await expectText('scenario-tab-1', 'Scenario B');
}, { locale: 'en-US' });
