// Reports the budgets as figures (never asserted):
//   each page's wasm bundle gzipped, navigation → first rendered quote, and re-quote +
//   re-render after a quantity change on a 200- and a 1,000-line order, and
//   on four 200-line scenarios side by side.
// Usage (after `scripts/build-web.sh`): node tests/e2e/measure.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
// Each page downloads its own bundle only (budget: 300 KB gzipped each).
for (const [page, bin] of [['index.html (order calculator)', 'channel-quote-web-'], ['quotation.html (报价单)', 'channel-quote-quotation-'], ['plan.html (plan studio)', 'channel-quote-studio-'], ['chain.html (channel chain)', 'channel-quote-chain-']]) {
  const wasm = fs.readdirSync(dist).find((f) => f.startsWith(bin) && f.endsWith('.wasm'));
  const raw = fs.readFileSync(path.join(dist, wasm));
  console.log(`wasm of ${page}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(zlib.gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
}

const server = await serve(dist);
const url = `http://127.0.0.1:${server.address().port}/`;
const ctx = await launch('zh-CN');
const page = await ctx.newPage();
await page.goto(url);
await page.evaluate(() => localStorage.clear());

const firsts = [];
for (let i = 0; i < 5; i++) {
  await page.goto(url + '?run=' + i);
  await page.waitForFunction(() => performance.getEntriesByName('first-quote').length > 0);
  firsts.push(await page.evaluate(() => performance.getEntriesByName('first-quote')[0].startTime));
}
firsts.sort((a, b) => a - b);
console.log(`navigation → first rendered quote: median ${firsts[2].toFixed(0)} ms (runs: ${firsts.map((x) => x.toFixed(0)).join(', ')})`);

// An N-line order, put into the saved session and restored on reload;
// then the time from a quantity change to the re-rendered total.
const med = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// `scenarios` side by side (the comparison on screen when more than one),
// each of them with the same N lines (the later ones one unit more each).
// The last is a SPEC-v2 order: dated inside the demo's order promotions
// (满减, 满折, 每满减, 满赠) and on 60-day terms.
for (const [n, scenarios, v2] of [[200, 1], [1000, 1], [200, 4], [200, 1, true]]) {
  await page.evaluate(([n, count, v2]) => {
    const s = JSON.parse(localStorage.getItem('channel-quote.session'));
    const skus = ['ERP-STD', 'ERP-USER', 'CLOUD-Y', 'POS-T1', 'SVC-IMPL', 'CRM-SEAT', 'PRN-80', 'TRN-ADMIN'];
    const base = s.scenarios?.[0]?.draft ?? s.draft;
    const draft = (extra) => ({
      ...base,
      lines: Array.from({ length: n }, (_, i) => ({
        key: i, sku: skus[i % skus.length], qty: String(1 + extra + (i % 30)), resale: '9999.00',
        markup_pct: '', special_price: '', approval: '',
      })),
      next_key: n,
      ...(v2 ? { date: '2026-12-01', payment_option: 'NET60', expected_days: '' } : {}),
    });
    s.draft = draft(0);
    s.scenarios = Array.from({ length: count }, (_, i) => ({
      letter: 'ABCD'[i], name: '', draft: draft(i), what_if_level: null,
    }));
    s.current = 0;
    localStorage.setItem('channel-quote.session', JSON.stringify(s));
  }, [n, scenarios, v2]);
  await page.reload();
  await page.waitForSelector(`[data-testid=quote-line-${n - 1}]`, { timeout: 60000 });
  const times = [];
  for (let i = 0; i < 15; i++) {
    times.push(await page.evaluate(async (qty) => {
      const input = document.querySelector('[data-testid=line-0-qty]');
      const total = document.querySelector('[data-testid=total-gross]');
      const before = total.textContent;
      const t0 = performance.now();
      input.value = String(qty);
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => (total.textContent !== before ? resolve() : requestAnimationFrame(check));
        const obs = new MutationObserver(() => { if (total.textContent !== before) { obs.disconnect(); resolve(); } });
        obs.observe(total, { childList: true, characterData: true, subtree: true });
        requestAnimationFrame(check);
      });
      const dom = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => r()));
      return [dom, performance.now() - t0];
    }, 40 + i));
  }
  const what = scenarios > 1 ? `${scenarios} scenarios of ${n} lines side by side`
    : v2 ? `${n}-line SPEC-v2 order (order promotions, 60-day terms)` : `${n}-line order`;
  console.log(`${what}, quantity change → quote re-rendered: median ${med(times.map((t) => t[0])).toFixed(1)} ms; to next frame: median ${med(times.map((t) => t[1])).toFixed(1)} ms`);
}
// The business plan studio: its page on the demo, then a 12-period ×
// 10-line plan over the demo's 4 levels, put into the studio's saved plan
// as the plan being typed; then the time from a quantity change to the
// re-rendered levels table.
await page.goto(url + 'plan.html');
await page.waitForSelector('[data-testid=plan-levels]');
await page.evaluate(() => {
  const s = JSON.parse(localStorage.getItem('channel-quote.plan'));
  const skus = [['ERP-STD', '10500.00'], ['ERP-USER', '1600.00'], ['CRM-SEAT', '2200.00'], ['CLOUD-Y', '4500.00'],
    ['CLOUD-BACKUP', '3400.00'], ['POS-T1', '2300.00'], ['PRN-80', '680.00'], ['NAS-4B', '5400.00'],
    ['SVC-IMPL', '1500.00'], ['TRN-ADMIN', '2900.00']];
  let key = 0;
  const d = s.plan_draft;
  d.periods = Array.from({ length: 12 }, (_, p) => ({
    key: key++, label: `2026-${String(p + 1).padStart(2, '0')}`, date: `2026-${String(p + 1).padStart(2, '0')}-15`,
    services_revenue: '20000.00', services_cost: '12000.00', mdf: '',
    lines: skus.map(([sku, resale], i) => ({ key: key++, sku, qty: String(5 + ((p + i) % 20)), resale })),
  }));
  d.next_key = key;
  d.levels.forEach((l) => { l.on = true; });
  localStorage.setItem('channel-quote.plan', JSON.stringify(s));
});
await page.reload();
await page.waitForSelector('[data-testid=entry-period-11-line-9-qty]', { timeout: 60000 });
const [levelCount, periodCount] = await page.evaluate(() => [
  document.querySelectorAll('[data-testid=plan-levels] thead th[data-testid^=plan-level-]').length,
  document.querySelectorAll('[data-testid=plan-periods] tbody tr').length,
]);
const planTimes = [];
for (let i = 0; i < 15; i++) {
  planTimes.push(await page.evaluate(async (qty) => {
    const input = document.querySelector('[data-testid=entry-period-0-line-0-qty]');
    // The levels table is written as HTML text: the cell is a new element
    // after each change, so it is looked up again.
    const cell = () => document.querySelector('[data-testid=plan-net-profit-0]')?.textContent;
    const before = cell();
    const t0 = performance.now();
    input.value = String(qty);
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((resolve) => {
      const check = () => (cell() !== before ? resolve() : requestAnimationFrame(check));
      const obs = new MutationObserver(() => { if (cell() !== before) { obs.disconnect(); resolve(); } });
      obs.observe(document.querySelector('[data-testid=plan-studio]'), { childList: true, characterData: true, subtree: true });
      requestAnimationFrame(check);
    });
    const dom = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => r()));
    return [dom, performance.now() - t0];
  }, 30 + i));
}
console.log(`plan of ${periodCount} periods × 10 lines over ${levelCount} levels, quantity change → levels table re-rendered: median ${med(planTimes.map((t) => t[0])).toFixed(1)} ms; to next frame: median ${med(planTimes.map((t) => t[1])).toFixed(1)} ms`);
await ctx.close();
server.close();
