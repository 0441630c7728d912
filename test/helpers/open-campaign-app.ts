import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/api/build-app.ts';
import type { Db } from '../../server/store/db.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';
import { seedCampaign } from './seed-campaign.ts';

export const apiKey = 'test-key-0123456789abcdef';
export const auth = { authorization: `Bearer ${apiKey}` };
/** The secret the payment provider signs its webhooks with. */
export const webhookSecret = 'whsec-shared';

/** The problem a refusal answers with. */
export const problemOf = (response: { json: () => unknown }) =>
  response.json() as { error: string; value?: string; fix: string };

/** An embedded store, its `open` campaign's published debtors, and the app over them. */
export type CampaignApp = {
  temp: Awaited<ReturnType<typeof makeTempDir>>;
  db: Db;
  app: FastifyInstance;
  debtors: Awaited<ReturnType<typeof seedCampaign>>;
  close: () => Promise<void>;
};

/**
 * Opens an embedded store with the `open` campaign's debtors published, a published page at
 * /r/page/ in the site folder, and the app on them with an API key and a webhook secret.
 */
export async function openCampaignApp(options: { name: string }): Promise<CampaignApp> {
  const temp = await makeTempDir(options.name);
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  const close = async () => {
    await app?.close();
    await db?.close();
    await temp.remove();
  };
  try {
    db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
    const debtors = await seedCampaign({
      db,
      id: 'open',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: 'https://pages.example.com',
    });
    const siteDir = path.join(temp.dir, 'site');
    await fs.mkdir(path.join(siteDir, 'r', 'page'), { recursive: true });
    await fs.writeFile(path.join(siteDir, 'r', 'page', 'index.html'), '<!doctype html><title>page</title>');
    app = await buildApp({ db, apiKey, siteDir, webhookSecret });
    return { temp, db, app, debtors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
