import fs from 'node:fs';
import { tieBrowserToProcess } from './tie-browser-to-process.ts';

// Debian's /usr/bin/chromium* are shell scripts that start the binary as their child rather than
// replacing themselves with it: the binaries themselves come first, so the tie below reaches them.
const systemBrowsers = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/**
 * The browser to render with: the configured one, else a system headless shell or Chromium,
 * else undefined so Remotion uses (and if needed downloads) its own. A browser found is tied to
 * this process: it dies with it, even when this process is killed.
 */
export function findBrowser(options: { configured: string | undefined }): string | undefined {
  const browser = options.configured ?? systemBrowsers.find((candidate) => fs.existsSync(candidate));
  return browser && tieBrowserToProcess({ browser });
}
