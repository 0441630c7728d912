import zlib from 'node:zlib';
import type { Page } from 'puppeteer-core';

export type PageWeight = { html: number; css: number; js: number; fonts: number; total: number; files: number };

/**
 * Loads a page and adds up, gzip-compressed, the HTML, CSS, JS and font files the browser fetched
 * (media — the MP4, poster, audio bed — not counted). Bytes as a CDN would send them compressed.
 */
export async function measurePageWeight(options: {
  page: Page;
  url: string;
  settle: (page: Page) => Promise<void>;
}): Promise<PageWeight> {
  const { page } = options;
  const kinds: Record<string, keyof Omit<PageWeight, 'total' | 'files'>> = {
    document: 'html',
    stylesheet: 'css',
    script: 'js',
    font: 'fonts',
  };
  const pending: Promise<{ kind: keyof Omit<PageWeight, 'total' | 'files'>; bytes: number } | undefined>[] = [];
  const onResponse = (response: import('puppeteer-core').HTTPResponse) => {
    const kind = kinds[response.request().resourceType()];
    if (!kind || response.status() !== 200) return;
    pending.push(
      response.buffer().then(
        (body) => ({ kind, bytes: zlib.gzipSync(body, { level: 9 }).length }),
        () => undefined,
      ),
    );
  };
  // A first visit: nothing from the browser's cache.
  await page.setCacheEnabled(false);
  page.on('response', onResponse);
  await page.goto(options.url, { waitUntil: 'networkidle0' });
  await options.settle(page);
  page.off('response', onResponse);
  const weight: PageWeight = { html: 0, css: 0, js: 0, fonts: 0, total: 0, files: 0 };
  for (const item of await Promise.all(pending)) {
    if (!item) continue;
    weight[item.kind] += item.bytes;
    weight.total += item.bytes;
    weight.files += 1;
  }
  return weight;
}
