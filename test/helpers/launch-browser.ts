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

/**
 * Real Firefox (Debian's firefox-esr, driven over WebDriver BiDi) for the pages that must play in
 * it too. Its H.264 decoder on Linux is the system's libavcodec; its calls home are switched off.
 */
export async function launchFirefox(): Promise<Browser> {
  const executablePath = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((candidate) => fs.existsSync(candidate));
  if (!executablePath) throw new Error('No Firefox found: apt-get install firefox-esr libavcodec59 (see .ci/run)');
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      'media.autoplay.default': 0,
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
}
