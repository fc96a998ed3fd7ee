// Starts Debian's Chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launch(locale = 'zh-CN') {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-chromium-'));
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
      '--disable-background-networking', '--disable-component-update'],
    acceptDownloads: true,
    locale,
  });
}
