import fs from 'node:fs';

const systemBrowsers = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The browser to render with: the configured one, else a system headless shell or Chromium,
 * else undefined so Remotion uses (and if needed downloads) its own.
 */
export function findBrowser(options: { configured: string | undefined }): string | undefined {
  if (options.configured) return options.configured;
  return systemBrowsers.find((candidate) => fs.existsSync(candidate));
}
