// Screenshots of the app at phone and desktop widths in both languages:
// node shot.mjs OUTDIR
import { serve } from './server.mjs';
import { launch } from './browser.mjs';
import path from 'node:path';

const root = path.resolve(process.cwd(), '../../dist');
const out = process.argv[2] || 'artifacts';
const server = await serve(root);
const port = server.address().port;
for (const locale of ['zh', 'en']) {
  const ctx = await launch(locale === 'zh' ? 'zh-CN' : 'en-US');
  for (const [name, width] of [['phone', 360], ['desktop', 1366]]) {
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('[data-testid=quote-lines]');
    await page.click('[data-testid=waterfall-toggle-0]');
    await page.screenshot({ path: `${out}/${name}-${locale}.png`, fullPage: true });
    if (name === 'desktop') {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: `${out}/print-${locale}.png`, fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    }
    if (name === 'phone') {
      await page.locator('header').screenshot({ path: `${out}/${name}-${locale}-header.png` });
      await page.locator('table.quote-lines').screenshot({ path: `${out}/${name}-${locale}-lines.png` });
      await page.locator('.panels').screenshot({ path: `${out}/${name}-${locale}-panels.png` });
    }
    await page.close();
  }
  await ctx.close();
}
server.close();
