import type { Browser, HTTPResponse, Page } from 'puppeteer-core';

/**
 * The dashboard at /admin/ in a new page of this size, logged in with the key as an operator
 * does (typed into the form). `problems` collects console errors and page errors as they come.
 */
export async function openDashboard(options: {
  browser: Browser;
  base: string;
  apiKey: string;
  width: number;
  height: number;
}): Promise<{ page: Page; problems: string[]; response: HTTPResponse | null }> {
  const page = await options.browser.newPage();
  await page.setViewport({ width: options.width, height: options.height });
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(String(error)));
  const response = await page.goto(`${options.base}/admin/`, { waitUntil: 'networkidle0' });
  await page.type('#key', options.apiKey);
  await page.click('#login button');
  return { page, problems, response };
}
