// End-to-end tests of the printed quotation (报价单) and the CSV export:
// the calculator's "打印报价单" opens the quotation's own page, on screen an
// A4 sheet and under print media the only thing printed, in either
// language, with the payable in Chinese capitals; the CSV downloads with
// its byte order mark; a long order prints on several A4 pages.
//   node --test quotation.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, specJson, uiTest } from './harness.mjs';

// SPEC example 13 (gold, 12 × ERP-USER, dated 2026-11-20): payable
// ¥15,071.94. In capitals, worked by hand: 1|5071 → 壹万 + 伍仟 零 柒拾壹 元,
// 94 fen → 玖角肆分 (the 0 of the hundreds is one 零).
const PAYABLE = '¥15,071.94';
const CAPITALS = '壹万伍仟零柒拾壹元玖角肆分';
// A quote dated 2026-11-20 with the default 7 days is valid through the 26th.
const VALID_UNTIL = '2026-11-26';
// The quote number is the request id's: `cq-<order date>-<8 hex digits of
// a hash of the order>` → `QT-20261120-XXXXXXXX`.
const NUMBER = /QT-20261120-[0-9A-F]{8}/;

/** The quote number on the quotation. */
async function quoteNumber(page) {
  const text = await eventually(() => page.getByTestId('quotation').textContent({ timeout: 500 }),
    (t) => typeof t === 'string' && NUMBER.test(t), 'the quotation numbers the order opened');
  return NUMBER.exec(text)[0];
}

// An A4 sheet at 96 px per inch, for the print preview screenshots.
const A4 = { width: 794, height: 1123 };

/** A screenshot of the printed page: an A4 sheet with the 12 mm margins. */
async function printPreview(page, file) {
  await page.setViewportSize(A4);
  await page.addStyleTag({ content: 'body { padding: 12mm; }' });
  await page.screenshot({ path: file, fullPage: true });
}

const visible = (page, selector) => page.locator(selector).first().isVisible();

/** Opens example 13 and waits for its payable. */
async function example13({ openSpec, expectText }) {
  await openSpec('gold.json', 'ex13-margin.json');
  await expectText('total-payable', PAYABLE);
}

/** "打印报价单" on the calculator: the quotation's page, once it shows. */
async function openQuotation(page) {
  await page.click('[data-testid=print-quote]');
  await page.getByTestId('quotation').waitFor();
  assert.equal(new URL(page.url()).pathname, '/quotation.html');
}

uiTest('the quotation has a page of its own: an A4 sheet on screen, the only thing printed (中文)', async (ui) => {
  const { page, expectText } = ui;
  await example13(ui);
  // The calculator's bundle does not carry it.
  assert.equal(await page.getByTestId('quotation').count(), 0);
  await openQuotation(page);
  const quotation = page.getByTestId('quotation');
  assert.ok(await quotation.isVisible(), 'shown on screen');
  assert.ok(await visible(page, '[data-testid=quotation-print]'));
  await expectText('quotation', PAYABLE);

  await page.emulateMedia({ media: 'print' });
  await eventually(() => quotation.isVisible(), (v) => v === true, 'the quotation shows in print');
  await expectText('quotation', '报价单');
  await expectText('quotation-in-words', `大写金额：${CAPITALS}`);
  await expectText('quotation-validity', `有效期至 ${VALID_UNTIL}`);
  await quoteNumber(page);
  await expectText('quotation', PAYABLE);
  await expectText('quotation-partner', specJson('accounts/gold.json').name);
  await expectText('quotation-vendor', specJson('policy.json').version);
  await expectText('quotation-lines', '等级折扣 35 %；批量折扣 5 %');
  await expectText('quotation', '供方（签字盖章）');
  await expectText('quotation', '需方（签字盖章）');
  // The page's buttons are not printed.
  for (const hidden of ['[data-testid=quotation-print]', '[data-testid=quotation-back]', '[data-testid=lang-switch]']) {
    assert.equal(await visible(page, hidden), false, `${hidden} is not printed`);
  }
  await printPreview(page, '/tmp/quotation-zh.png');

  // Back to the order, as it was.
  await page.emulateMedia({ media: 'screen' });
  await page.click('[data-testid=quotation-back]');
  await expectText('total-payable', PAYABLE);
  assert.ok(await visible(page, '[data-testid=product-search]'));
});

uiTest('the English quotation also writes the payable in Chinese capitals', async (ui) => {
  const { page, expectText } = ui;
  await example13(ui);
  await openQuotation(page);
  await page.emulateMedia({ media: 'print' });
  await expectText('quotation', 'Quotation');
  await expectText('quotation-in-words', `Amount in words (Chinese capitals): ${CAPITALS}`);
  await expectText('quotation-validity', `Valid until ${VALID_UNTIL}`);
  await quoteNumber(page);
  await expectText('quotation-lines', 'Level discount 35 %; Volume discount 5 %');
  await expectText('quotation', 'Vendor (signature and stamp)');
  assert.equal(await visible(page, '[data-testid=quotation-print]'), false);
  await printPreview(page, '/tmp/quotation-en.png');
  // Its own language switch: the same quotation in Chinese.
  await page.emulateMedia({ media: 'screen' });
  await page.click('[data-testid=lang-switch]');
  await expectText('quotation', '报价单');
  await expectText('quotation-in-words', `大写金额：${CAPITALS}`);
}, { locale: 'en-US' });

/** Clicks "export CSV" and returns the downloaded file's name and bytes. */
async function downloadCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

uiTest('the quote exports as CSV with its byte order mark', async (ui) => {
  const { page } = ui;
  await example13(ui);
  // The same number as the quotation's.
  await openQuotation(page);
  const number = await quoteNumber(page);
  await page.click('[data-testid=quotation-back]');
  await page.getByTestId('download-csv').waitFor();
  const zh = await downloadCsv(page);
  assert.equal(zh.name, `报价单-${number}.csv`);
  assert.deepEqual([...zh.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
  const rows = zh.bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(rows[0], '行号,SKU,产品,数量,单位,目录价,净单价,不含税金额,税额,含税金额,赠品,折扣说明');
  assert.match(rows[1], /^1,ERP-USER,/);
  assert.ok(rows.includes('应付金额,15071.94'), rows.join('\n'));

  await page.click('[data-testid=lang-switch]');
  await page.getByTestId('download-csv').filter({ hasText: 'Export CSV' }).waitFor();
  const en = await downloadCsv(page);
  assert.equal(en.name, `quotation-${number}.csv`);
  assert.deepEqual([...en.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = en.bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('Line,SKU,Product,Qty,Unit,'), text);
  assert.ok(text.includes('\r\nPayable,15071.94\r\n'), text);
});

uiTest('without a current quote both buttons are disabled and nothing is printed', async (ui) => {
  const { page, newOrder, expectNone } = ui;
  await example13(ui);
  assert.equal(await page.getByTestId('print-quote').isEnabled(), true);
  assert.equal(await page.getByTestId('download-csv').isEnabled(), true);
  await newOrder('2026-11-20');
  await page.getByTestId('no-quote').waitFor();
  assert.equal(await page.getByTestId('print-quote').isDisabled(), true);
  assert.equal(await page.getByTestId('download-csv').isDisabled(), true);
  // The quotation's page, reached anyway, says there is nothing to print.
  await page.goto(new URL('/quotation.html', page.url()).href);
  await page.getByTestId('no-quote').waitFor();
  await expectNone('quotation');
  assert.equal(await page.getByTestId('quotation-print').isDisabled(), true);
});

uiTest('the plan studio prints the plan, not the quotation', async (ui) => {
  const { page } = ui;
  await example13(ui);
  await page.click('[data-testid=mode-plan]');
  await page.waitForSelector('.studio');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('quotation').count(), 0);
  assert.ok(await visible(page, '.studio'), 'the plan is printed');
  assert.ok(await visible(page, 'header.top h1'), 'with its header');
});

// 42 lines of every SKU in turn, so the quotation runs over several pages.
const LONG_ORDER = {
  schema: 'channel-order/1',
  date: '2026-11-20',
  lines: Array.from({ length: 42 }, (_, i) => ({
    sku: specJson('policy.json').products[i % specJson('policy.json').products.length].sku,
    qty: 1 + (i % 5),
  })),
};

uiTest('a long order prints on numbered A4 pages', async (ui) => {
  const { page, openSpec } = ui;
  await openSpec('gold.json');
  await page.setInputFiles('[data-testid=file-input]', {
    name: 'long-order.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(LONG_ORDER)),
  });
  await eventually(() => page.locator('.lines-editor fieldset.line').count(), (n) => n === 42, '42 order lines');
  await openQuotation(page);
  await eventually(() => page.locator('[data-testid=quotation] tbody.q-line').count(), (n) => n >= 42,
    'every line on the quotation');
  await page.emulateMedia({ media: 'print' });

  const pdf = await page.pdf({ format: 'A4' });
  fs.writeFileSync(path.join(os.tmpdir(), 'quotation-long.pdf'), pdf);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  // Each page object is `/Type /Page` (the page tree is `/Type /Pages`).
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  assert.ok(pages > 1, `the long order takes more than one page (${pages})`);

  // Where poppler is installed, read the page numbers the margin boxes print.
  const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => fs.existsSync(p));
  if (pdftotext) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cq-pdf-')), 'quotation.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync(pdftotext, ['-layout', file, '-'], { encoding: 'utf8' });
    const perPage = text.split('\f').filter((t) => t.trim());
    assert.equal(perPage.length, pages);
    perPage.forEach((t, i) => assert.match(t, new RegExp(`\\b${i + 1}\\s*/\\s*${pages}\\b`), `page ${i + 1}`));
    // The column headings repeat on every page.
    perPage.forEach((t, i) => assert.match(t, /序号\s+SKU/, `headings on page ${i + 1}`));
    assert.match(text, /报价单 QT-20261120-[0-9A-F]{8} · 共 42 行 · 完/, 'the closing line');
  }
});

for (const locale of ['zh-CN', 'en-US']) {
  uiTest(`on a phone the quotation's page fits the screen, its tools and submission at hand (${locale})`, async (ui) => {
    const { page } = ui;
    await page.setViewportSize({ width: 360, height: 780 });
    await example13(ui);
    await openQuotation(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    for (const id of ['quotation-back', 'quotation-print', 'submit-panel']) {
      assert.ok(await page.getByTestId(id).isVisible(), `${id} is on screen`);
    }
    await ui.expectText('quotation', PAYABLE);
  }, { locale });
}
