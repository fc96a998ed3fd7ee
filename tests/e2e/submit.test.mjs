// Submitting an order, end to end: the app served by the reference
// receiver (`channel-quote serve-submissions --app dist`, built with the
// cargo feature `receiver`), a policy whose `submit_url` is `/orders`.
// Submit and read the vendor's verdict; stop the receiver and submit again
// to see the error with the draft intact; download the request and let
// `channel-quote verify` accept it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dist, eventually, getBrowser, on, specFile, specJson, uiTest } from './harness.mjs';

const bin = path.resolve(dist, '../target/release/channel-quote');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-submit-'));
const policyFile = path.join(tmp, 'policy-submit.json');

before(() => {
  const policy = specJson('policy.json');
  policy.submit_url = '/orders';
  fs.writeFileSync(policyFile, JSON.stringify(policy, null, 2));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts the receiver serving the app; resolves once it answers. */
async function startReceiver(db, port = 0) {
  assert.ok(fs.existsSync(bin), `build ${bin} with --features receiver first`);
  port ||= await freePort();
  // The spec's v1 partners as a JSON Lines book (its accounts folder also
  // holds deliberately bad and chain accounts).
  const book = `${db}.accounts.jsonl`;
  fs.writeFileSync(book, ['gold', 'silver', 'registered', 'credit-tight', 'credit-overdue', 'gold-rebate']
    .map((n) => JSON.stringify(specJson(`accounts/${n}.json`))).join('\n') + '\n');
  const child = spawn(bin, ['serve-submissions', '--policy', policyFile, '--accounts', book,
    '--db', db, '--port', String(port), '--app', dist], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}/`;
  await eventually(async () => {
    if (child.exitCode !== null) return `exited ${child.exitCode}: ${stderr}`;
    const r = await fetch(base + 'health');
    return r.status;
  }, (s) => s === 200, 'the receiver should start', 30000);
  return { child, base, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

/** "核对报价单并提交订单" on the calculator: the quotation's page, at its
 *  submission panel. */
async function toSubmission(page) {
  await page.click('[data-testid=go-submit]');
  await page.getByTestId('submit-panel').waitFor();
  assert.equal(new URL(page.url()).pathname, '/quotation.html');
}

/** A fresh context on `base` with the submit policy, gold and `order`. */
async function openApp(base, order) {
  const ctx = await getBrowser().newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base);
  await page.waitForSelector('[data-testid=quote-lines]');
  await page.setInputFiles('[data-testid=file-input]', [policyFile, specFile('accounts/gold.json'), specFile(`orders/${order}`)]);
  const ui = on(page);
  await ui.expectText('policy-version', specJson('policy.json').version);
  await eventually(() => page.getByTestId('partner').evaluate((s) => s.selectedOptions[0]?.textContent),
    (t) => t?.includes(specJson('accounts/gold.json').name), 'gold is the partner');
  await ui.expectValue('order-date', specJson(`orders/${order}`).date);
  return { ctx, page, ui, errors };
}

test('submit to the reference receiver: accepted; receiver down: error, draft kept; the download verifies', async () => {
  const receiver = await startReceiver(path.join(tmp, 'orders.db'));
  const { ctx, page, ui, errors } = await openApp(receiver.base, 'ex13-margin.json');
  try {
    await ui.expectText('total-payable', '¥15,071.94');
    // Submitted from the quotation's page, beside the quotation submitted.
    await toSubmission(page);
    await ui.expectText('quotation', '¥15,071.94');
    await page.click('[data-testid=submit-order]');
    await ui.expectText('confirm-payable', '¥15,071.94');
    await ui.expectText('confirm-credit', '通过');
    await ui.expectText('confirm-prepayment', '¥0.00');
    await page.fill('[data-testid=submit-note]', '请周五前发货');
    await page.click('[data-testid=submit-send]');
    await ui.expectText('submit-answer', '供应商已接受此订单。');
    await ui.expectText('submit-answer', '请求号：cq-20261120-');

    // The receiver filed it: one row, accepted, with the note.
    await receiver.stop();
    const stored = spawnSync('python3', ['-c',
      `import sqlite3,json;c=sqlite3.connect(${JSON.stringify(path.join(tmp, 'orders.db'))});` +
      `rows=c.execute("select verdict, body from requests").fetchall();` +
      `print(json.dumps([[v, json.loads(b)["note"]] for v,b in rows], ensure_ascii=False))`], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(stored.stdout), [['accepted', '请周五前发货']], stored.stderr);

    // Receiver down: the next submission fails and says so; nothing is lost.
    await page.click('[data-testid=submit-order]');
    await page.click('[data-testid=submit-send]');
    await ui.expectText('submit-error', '无法连接供应商');
    await ui.expectText('submit-error', '订单和请求均已保留');
    await ui.expectText('quotation', '¥15,071.94');
    assert.ok(await page.getByTestId('submit-retry').isVisible());

    // The request, downloaded, is what the back office accepts.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=submit-error-download]')]);
    assert.match(download.suggestedFilename(), /^order-request-cq-20261120-[0-9a-f]{8}\.json$/);
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    const v = spawnSync(bin, ['verify', '--request', file, '--policy', policyFile, '--account', specFile('accounts/gold.json')], { encoding: 'utf8' });
    assert.equal(v.status, 0, v.stderr);
    assert.equal(JSON.parse(v.stdout).verdict, 'accepted');

    // Up again on the same database: the retry (same request id) is accepted.
    const again = await startReceiver(path.join(tmp, 'orders.db'), Number(new URL(receiver.base).port));
    try {
      await page.click('[data-testid=submit-retry]');
      await ui.expectText('submit-answer', '供应商已接受此订单。');
    } finally {
      await again.stop();
    }
    // Back on the calculator, the order is as it was typed.
    await page.click('[data-testid=quotation-back]');
    await ui.expectText('total-payable', '¥15,071.94');
    assert.equal(await page.inputValue('[data-testid=line-0-qty]'), '12');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    if (receiver.child.exitCode === null) await receiver.stop();
  }
});

uiTest('without a submit_url the order request is downloaded, and it verifies', async ({ page, openSpec, expectText }) => {
  await openSpec('gold.json', 'ex01-level-volume.json');
  await page.getByTestId('total-payable').waitFor();
  await toSubmission(page);
  await expectText('submit-download-only', '此政策未设置提交地址');
  assert.equal(await page.getByTestId('submit-order').count(), 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-request]')]);
  const file = path.join(tmp, 'download-only.json');
  await download.saveAs(file);
  const request = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(request.schema, 'channel-order-request/1');
  assert.equal(request.partner_id, specJson('accounts/gold.json').partner_id);
  assert.equal(request.quote.valid_until, '2026-11-26');
  const v = spawnSync(bin, ['verify', '--request', file, '--policy', specFile('policy.json'), '--account', specFile('accounts/gold.json')], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
});

uiTest('a simulated level cannot be submitted', async ({ page, openSpec, expectText }) => {
  await openSpec('gold.json', 'ex01-level-volume.json');
  await page.click('[data-testid=scenario-duplicate]');
  await page.selectOption('[data-testid=what-if-level]', { index: 1 });
  await expectText('what-if-notice', '模拟');
  await toSubmission(page);
  await expectText('submit-blocked', '不能提交');
  assert.ok(await page.getByTestId('download-request').isDisabled());
});

uiTest('in English the submission panel speaks English', async ({ page, expectText }) => {
  await expectText('go-submit', 'Review the quotation and submit');
  await toSubmission(page);
  await expectText('submit-panel', 'Download order request');
  await expectText('submit-download-only', 'no submission address');
}, { locale: 'en-US' });
