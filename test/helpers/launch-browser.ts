import fs from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-headless-shell'];

/** Real Chromium for page tests (root needs --no-sandbox; the offline machine needs the quiet flags). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.KINDLY_BROWSER ?? candidates.find((candidate) => fs.existsSync(candidate));
  if (!executablePath) throw new Error('No Chromium found: apt-get install chromium (see .ci/run)');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
