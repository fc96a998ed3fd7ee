// Saved quotes (保存的报价) and share links (分享链接): save a scenario under
// a name, reload, open it again and read the same payable; rename,
// duplicate, delete and undo; a full storage says so and loses nothing; a
// link opens the same order in a browser that has never seen it, warns
// when it was made under another policy (and offers that policy's file),
// and refuses an altered link without touching the work in progress.
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { uiTest, getBrowser, base, on, eventually, here } from './harness.mjs';

const demoPolicyFile = path.resolve(here, '../../web/src/app/demo/policy.json');
/** The demo policy's version, as the app shows it. */
const demoVersion = JSON.parse(fs.readFileSync(demoPolicyFile, 'utf8')).version;
const SAVED_KEY = 'channel-quote.saved';

/** The stored list's entries, as the page sees them. */
const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), SAVED_KEY);

/** Waits until the payable differs from `before`, then returns it. */
async function payableAfter(ui, before) {
  return eventually(() => ui.text('total-payable'), (t) => typeof t === 'string' && t.includes('¥') && t !== before,
    `the payable should change from ${before}`);
}

/** Makes a share link of the scenario being edited and returns it. */
async function shareLink({ page, expectText }) {
  // A link made before (of another order) stays on screen until the new
  // one is compressed: wait for the new one.
  const field = page.getByTestId('share-link');
  const previous = (await field.count()) ? await field.inputValue() : null;
  await page.click('[data-testid=share-make]');
  const link = await eventually(() => field.inputValue({ timeout: 500 }),
    (v) => typeof v === 'string' && v.startsWith('http') && v !== previous, 'a new share link');
  assert.ok(link.startsWith(`${base}#share=v1.`), link);
  assert.match(link.slice(link.indexOf('v1.') + 3), /^[A-Za-z0-9_-]+$/);
  await expectText('share-ready', '链接');
  return link;
}

/** A page in a browser context of its own (nothing stored), opened at `url`. */
async function freshPage(url, ready = 'quote-lines') {
  const ctx = await getBrowser().newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector(`[data-testid=${ready}]`);
  return { ctx, page, ui: on(page), errors };
}

uiTest('save a quote, reload, open it again with the same payable; rename, duplicate, delete, undo', async (ui) => {
  const { page, expectText, expectNone, newOrder, addProduct, choosePartner } = ui;
  await choosePartner('苏州启明数码有限公司');
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 10);
  await addProduct('CLOUD-Y', 3);
  const payable = await payableAfter(ui, '');
  assert.equal(await page.getAttribute('[data-testid=saved-name]', 'placeholder'), '苏州启明数码有限公司 2026-11-20');
  await page.click('[data-testid=saved-save]');
  await expectText('saved-done', '已保存“苏州启明数码有限公司 2026-11-20”');
  await expectText('saved-toggle', '保存的报价（1）');
  await expectText('saved-payable-0', payable);
  await expectText('saved-item-0', '苏州启明数码有限公司 · P-2002');
  await expectText('saved-item-0', demoVersion);
  await expectText('saved-item-0', '2026-11-20');
  const list = await stored(page);
  assert.equal(list.version, 1);
  assert.equal(list.quotes.length, 1);

  // After a reload: still there. The partner and the order change, then
  // the saved quote is opened as a new scenario, for its own partner.
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await expectText('saved-payable-0', payable);
  await choosePartner('华东云启科技有限公司');
  await page.getByRole('button', { name: '清空订单' }).click();
  await page.getByTestId('empty-order').waitFor();
  await page.click('[data-testid=saved-open-0]');
  await expectText('saved-opened', '已打开“苏州启明数码有限公司 2026-11-20”，为方案 B');
  await expectText('saved-partner-switched', '苏州启明数码有限公司');
  await expectText('total-payable', payable);
  await expectText('scenario-tab-1', '方案 B');
  assert.equal(await page.getAttribute('[data-testid=scenario-tab-1]', 'aria-selected'), 'true');
  assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '10');
  assert.equal(await page.getByTestId('saved-opened-other-policy').count(), 0);

  // Rename (Enter), survives a reload.
  await page.click('[data-testid=saved-rename-0]');
  await page.fill('[data-testid=saved-rename-input]', '  大单报价  ');
  await page.press('[data-testid=saved-rename-input]', 'Enter');
  await expectText('saved-name-0', '大单报价');
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await expectText('saved-name-0', '大单报价');
  // Escape leaves the name as it was.
  await page.click('[data-testid=saved-rename-0]');
  await page.fill('[data-testid=saved-rename-input]', 'nope');
  await page.press('[data-testid=saved-rename-input]', 'Escape');
  await expectText('saved-name-0', '大单报价');

  // Duplicate, then delete the copy, undo, delete both.
  await page.click('[data-testid=saved-duplicate-0]');
  await expectText('saved-name-1', '大单报价（副本）');
  await page.click('[data-testid=saved-delete-1]');
  await expectText('saved-deleted', '已删除“大单报价（副本）”');
  await expectNone('saved-item-1');
  await page.click('[data-testid=saved-undo]');
  await expectText('saved-name-1', '大单报价（副本）');
  assert.equal((await stored(page)).quotes.length, 2);
  await page.click('[data-testid=saved-delete-1]');
  await page.click('[data-testid=saved-delete-0]');
  await page.getByTestId('saved-empty').waitFor();
  assert.equal((await stored(page)).quotes.length, 0);
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await expectText('saved-toggle', '保存的报价（0）');
  // Nothing to save without a valid quote.
  await page.getByRole('button', { name: '清空订单' }).click();
  await page.getByTestId('empty-order').waitFor();
  await page.click('[data-testid=saved-save]');
  await expectText('saved-needs-quote', '有效报价');
});

uiTest('four scenarios open: opening replaces the one being edited and says so', async ({ page, expectText }) => {
  await page.click('[data-testid=saved-save]');
  await expectText('saved-done', '已保存');
  for (const letter of ['B', 'C', 'D']) {
    await page.click('[data-testid=scenario-duplicate]');
    await expectText('scenario-tab-' + (letter.charCodeAt(0) - 65), `方案 ${letter}`);
  }
  await page.click('[data-testid=scenario-tab-2]');
  await page.click('[data-testid=saved-open-0]');
  await expectText('saved-opened', '最多 4 个方案：已用');
  await expectText('saved-opened', '替换方案 C');
  assert.equal(await page.locator('[data-testid^=scenario-tab-]').count(), 4);
  await expectText('scenario-tab-2', '方案 C');
});

uiTest('storage full: a clear message, and the quotes saved before are intact', async (ui) => {
  const { page, expectText, newOrder, addProduct } = ui;
  await newOrder('2026-11-20');
  await addProduct('ERP-STD', 2);
  const first = await payableAfter(ui, '');
  await page.click('[data-testid=saved-save]');
  await expectText('saved-payable-0', first);
  const before = await page.evaluate((key) => localStorage.getItem(key), SAVED_KEY);

  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.fill('[data-testid=line-0-qty]', '3');
  await payableAfter(ui, first);
  await page.fill('[data-testid=saved-name]', '第二个');
  await page.click('[data-testid=saved-save]');
  await expectText('saved-storage-failed', '未能保存：浏览器存储已满或不可用');
  await expectText('saved-toggle', '保存的报价（1）');
  await expectText('saved-payable-0', first);
  assert.equal(await page.getByTestId('saved-item-1').count(), 0);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), SAVED_KEY), before);
  // Deleting is refused the same way: nothing lost.
  await page.click('[data-testid=saved-delete-0]');
  await expectText('saved-storage-failed', '未能保存');
  await expectText('saved-payable-0', first);
  // The name typed is kept for another try.
  assert.equal(await page.inputValue('[data-testid=saved-name]'), '第二个');
});

uiTest('a damaged saved entry is skipped and reported; the others survive', async ({ page, expectText }) => {
  await page.click('[data-testid=saved-save]');
  await expectText('saved-done', '已保存');
  await page.evaluate((key) => {
    const list = JSON.parse(localStorage.getItem(key));
    list.quotes.unshift({ id: 'broken' }, [['x'], null, 5]);
    localStorage.setItem(key, JSON.stringify(list));
  }, SAVED_KEY);
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await expectText('saved-skipped', '有 2 条保存的报价已损坏，已跳过');
  await expectText('saved-toggle', '保存的报价（1）');
  // A list damaged as a whole is set aside, not overwritten.
  await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"quotes":[[['), SAVED_KEY);
  await page.reload();
  await page.waitForSelector('[data-testid=quote-lines]');
  await expectText('saved-unreadable', '无法读取');
  assert.equal(await page.evaluate(() => localStorage.getItem('channel-quote.saved.unreadable')), '{"version":1,"quotes":[[[');
  await page.click('[data-testid=saved-save]');
  await expectText('saved-toggle', '保存的报价（1）');
});

uiTest('a share link opens the same order in a fresh browser, once, silently under the same policy', async (ui) => {
  const { page, newOrder, addProduct } = ui;
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 12);
  await addProduct('POS-T1', 4);
  await page.fill('[data-testid=line-1-resale]', '2300.00');
  const payable = await payableAfter(ui, '');
  const link = await shareLink(ui);

  const other = await freshPage(link);
  try {
    await other.ui.expectText('saved-opened', '已从分享链接打开订单，为方案 B');
    await other.ui.expectText('total-payable', payable);
    assert.equal(await other.page.evaluate(() => location.hash), '#order');
    assert.equal(await other.page.getByTestId('share-other-policy').count(), 0);
    assert.deepEqual(await other.ui.lineSkus(), ['ERP-USER', 'POS-T1']);
    assert.equal(await other.page.inputValue('[data-testid=line-1-resale]'), '2300.00');
    // A reload does not open it again.
    await other.page.reload();
    await other.page.waitForSelector('[data-testid=quote-lines]');
    await other.page.getByTestId('scenario-tab-1').waitFor();
    assert.equal(await other.page.locator('[data-testid^=scenario-tab-]').count(), 2);
    assert.equal(await other.page.getByTestId('saved-opened').count(), 0);
    // To the plan studio's page and back to the order.
    await other.page.click('[data-testid=mode-plan]');
    await eventually(() => other.page.evaluate(() => location.pathname), (p) => p === '/plan.html', 'the studio page');
    await other.page.click('[data-testid=mode-order]');
    await other.page.waitForSelector('[data-testid=quote-lines]');
    // A link arriving while the plan studio is open: back to the order, opened.
    await other.page.click('[data-testid=mode-plan]');
    await eventually(() => other.page.evaluate(() => location.pathname), (p) => p === '/plan.html', 'the studio page');
    await other.page.goto(link);
    await other.ui.expectText('saved-opened', '为方案 C');
    await other.ui.expectText('total-payable', payable);
    assert.equal(await other.page.evaluate(() => location.hash), '#order');
    assert.deepEqual(other.errors, []);
  } finally {
    await other.ctx.close();
  }
});

uiTest('a link made under another policy warns, names it, and offers its file', async (ui) => {
  const { page, newOrder, addProduct } = ui;
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 10);
  const payable = await payableAfter(ui, '');
  const link = await shareLink(ui);

  const other = await freshPage(base);
  try {
    // The SPEC policy in use, then the demo policy's link arrives (a hash change).
    await other.ui.openFiles('policy.json');
    await other.ui.expectText('policy-version', '2026.11.1');
    await other.page.goto(link);
    await other.ui.expectText('share-other-policy', `链接来自政策 demo-2026q4 版本 ${demoVersion}，当前使用 demo-2026q4 2026.11.1；价格可能不同`);
    await other.ui.expectText('saved-opened', '方案 B');
    assert.equal(await other.page.evaluate(() => location.hash), '#order');
    // Opening the policy the link names: the warning goes, the price is the link's.
    const [chooser] = await Promise.all([
      other.page.waitForEvent('filechooser'),
      other.page.click('[data-testid=share-open-policy]'),
    ]);
    await chooser.setFiles(demoPolicyFile);
    await other.ui.expectText('policy-version', demoVersion);
    await other.ui.expectText('share-policy-matches', '现在使用的政策与链接一致');
    await other.page.click('[data-testid=scenario-tab-1]');
    await other.ui.expectText('total-payable', payable);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.ctx.close();
  }
});

uiTest('a quote saved under another policy is marked, and opening it says prices may differ', async ({ page, expectText, openFiles }) => {
  await page.click('[data-testid=saved-save]');
  await expectText('saved-done', '已保存');
  assert.equal(await page.getByTestId('saved-other-policy-0').count(), 0);
  await openFiles('policy.json');
  await expectText('policy-version', '2026.11.1');
  await expectText('saved-other-policy-0', '用其他政策版本保存');
  await page.click('[data-testid=saved-open-0]');
  await expectText('saved-opened-other-policy', `其他政策版本（${demoVersion}）`);
  await expectText('scenario-tab-1', '方案 B');
});

uiTest('an altered or malformed link is refused with a message; the work in progress is untouched', async (ui) => {
  const { page, newOrder, addProduct } = ui;
  await newOrder('2026-11-20');
  await addProduct('ERP-USER', 10);
  const payable = await payableAfter(ui, '');
  const link = await shareLink(ui);
  const payload = link.slice(link.indexOf('v1.') + 3);
  const mid = Math.floor(payload.length / 2);
  const flipped = payload.slice(0, mid) + (payload[mid] === 'A' ? 'B' : 'A') + payload.slice(mid + 1);
  for (const bad of [
    `#share=v1.${flipped}`,
    `#share=v1.${payload.slice(0, -6)}`,
    '#share=v1.@@not-base64@@',
    '#share=v9.abc',
    '#share=',
  ]) {
    await page.evaluate(() => {
      document.querySelector('[data-testid=saved-dismiss]')?.click();
    });
    await page.goto(base + bad);
    await ui.expectText('share-bad', '分享链接无法读取（不完整或已被修改）');
    assert.equal(await page.evaluate(() => location.hash), '#order', bad);
    assert.equal(await page.locator('[data-testid^=scenario-tab-]').count(), 1, bad);
    await ui.expectText('total-payable', payable);
  }
  // In a fresh browser too.
  const other = await freshPage(`${base}#share=v1.${flipped}`);
  try {
    await other.ui.expectText('share-bad', '分享链接无法读取');
    assert.equal(await other.page.locator('[data-testid^=scenario-tab-]').count(), 1);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.ctx.close();
  }
});

/** Opens a demo order of `n` lines (SKUs in turn) with the file picker. */
async function openDemoOrder(page, n) {
  const policy = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(demoPolicyFile, 'utf8')));
  const products = policy.products;
  const lines = Array.from({ length: n }, (_, i) => {
    const p = products[i % products.length];
    const multiple = p.order_multiple ?? 1;
    return { sku: p.sku, qty: multiple * ((i % 7) + 1) };
  });
  const order = { schema: 'channel-order/1', date: '2026-11-20', lines };
  await page.setInputFiles('[data-testid=file-input]', {
    name: `order-${n}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(order)),
  });
  await eventually(() => page.locator('.lines-editor fieldset.line').count(), (c) => c === n, `${n} lines`);
}

uiTest('link lengths of a 10-line and a 50-line demo order; the 50-line link opens with the same payable', async (ui) => {
  const { page, text } = ui;
  const lengths = {};
  for (const n of [10, 50]) {
    const before = await text('total-payable');
    await openDemoOrder(page, n);
    const payable = await payableAfter(ui, before);
    const link = await shareLink(ui);
    lengths[n] = link.length;
    console.log(`share link, ${n}-line demo order: ${link.length} characters (${link.length - base.length} after the app's address)`);
    if (n === 50) {
      const other = await freshPage(link);
      try {
        await other.ui.expectText('total-payable', payable);
        assert.equal(await other.page.locator('.lines-editor fieldset.line').count(), 50);
      } finally {
        await other.ctx.close();
      }
    }
  }
  assert.ok(lengths[10] < 600 && lengths[50] < 2000, JSON.stringify(lengths));
});

uiTest('in English, at phone width: the saved list and the share link fit and speak English', async (ui) => {
  const { page, expectText } = ui;
  await page.setViewportSize({ width: 360, height: 780 });
  await expectText('saved-save', 'Save quote');
  await expectText('share-make', 'Share link');
  await page.click('[data-testid=saved-save]');
  await expectText('saved-done', 'Saved “');
  await expectText('saved-toggle', 'Saved quotes (1)');
  await expectText('saved-item-0', 'Policy version');
  await expectText('saved-item-0', 'Payable');
  await page.click('[data-testid=share-make]');
  await page.getByTestId('share-link').waitFor();
  await expectText('share-ready', 'It carries the order only');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await page.click('[data-testid=saved-open-0]');
  await expectText('saved-opened', 'Opened “');
  await expectText('saved-opened', 'as scenario B');
}, { locale: 'en-US' });

uiTest('at desktop width the panel sits above the order', async ({ page, expectText }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('[data-testid=saved-save]');
  await expectText('saved-done', '已保存');
  const panel = await page.getByTestId('saved-quotes').boundingBox();
  const bar = await page.getByTestId('scenario-bar').boundingBox();
  assert.ok(panel.y < bar.y, 'the saved quotes come before the scenario tabs');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `overflow ${overflow}px`);
});
