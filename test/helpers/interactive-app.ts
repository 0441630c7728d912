import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/api/build-app.ts';
import type { Db } from '../../server/store/db.ts';
import { ensureGateShare } from '../../server/store/gate.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';
import { seedCampaign } from './seed-campaign.ts';

export const apiKey = 'test-key-0123456789abcdef';

/** An app on an embedded store with two seeded campaigns: `open`, and `gated` behind a postcode. */
export type InteractiveApp = {
  db: Db;
  app: FastifyInstance;
  open: Awaited<ReturnType<typeof seedCampaign>>;
  gated: Awaited<ReturnType<typeof seedCampaign>>;
  /** Posts a JSON body as text, the way the page's beacons and forms do. */
  post: (url: string, body: unknown) => Promise<LightMyRequestResponse>;
};

/** Opens the store and the app before the file's tests, and closes both after them. */
export function useInteractiveApp(): InteractiveApp {
  let temp: Awaited<ReturnType<typeof makeTempDir>> | undefined;
  const context = {
    post: (url: string, body: unknown) =>
      context.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify(body),
      }),
  } as InteractiveApp;
  beforeAll(async () => {
    temp = await makeTempDir('interactive-api');
    const db = await openEmbeddedStore({ dataDir: temp.dir });
    context.db = db;
    const seed = (id: string, payUrl: string) => seedCampaign({ db, id, payUrl, baseUrl: 'https://pages.example.com' });
    context.open = await seed('open', 'https://pay.example.com/checkout?shop=1');
    context.gated = await seed('gated', 'https://pay.example.com/checkout');
    await db.query(`update campaigns set privacy_gate = '{"field":"postcode"}'::jsonb where id = 'gated'`);
    await db.query(`update recipients set data = data || '{"postcode":"SW1A 1AA"}'::jsonb where campaign_id = 'gated'`);
    for (const recipient of context.gated) await ensureGateShare({ db, token: recipient.token });
    context.app = await buildApp({ db, apiKey });
  }, 120_000);
  afterAll(async () => {
    await context.app?.close();
    await context.db?.close();
    await temp?.remove();
  });
  return context;
}
