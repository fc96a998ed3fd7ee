// Starts Debian's Chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const options = () => ({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update'],
});

/** A browser with its own fresh profile: one context (used by the scripts). */
export async function launch(locale = 'zh-CN') {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-chromium-'));
  return chromium.launchPersistentContext(userDataDir, { ...options(), acceptDownloads: true, locale });
}

/** A browser to take isolated contexts from (`browser.newContext()`): each
 *  context has its own storage, so a test never sees another's leftovers. */
export function launchBrowser() {
  return chromium.launch(options());
}
