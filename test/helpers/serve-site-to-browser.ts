import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { buildApp } from '../../server/api/build-app.ts';
import type { Db } from '../../server/store/db.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { launchBrowser } from './launch-browser.ts';

/** A rendered campaign served as `kindly serve` does (its store, its site folder) and a real Chromium to open it with. */
export type ServedSite = {
  db: Db;
  app: FastifyInstance;
  browser: Browser;
  openPhonePage: () => Promise<Page>;
  close: () => Promise<void>;
};

export async function serveSiteToBrowser(options: {
  dataDir: string;
  siteDir: string;
  port: number;
}): Promise<ServedSite> {
  const db = await openEmbeddedStore({ dataDir: options.dataDir });
  const app = await buildApp({ db, siteDir: options.siteDir, apiKey: 'browser-test-key-0123' });
  await app.listen({ port: options.port, host: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    db,
    app,
    browser,
    openPhonePage: async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
      return page;
    },
    close: async () => {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}
