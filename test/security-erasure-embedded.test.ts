import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { makeRenderKit } from '../server/jobs/make-render-kit.ts';
import { openInProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { makeFolderSegmentCache } from '../server/render/make-folder-segment-cache.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// GDPR art. 17 on the embedded store: an erased debtor's link stops working at once, not after a cache's lifetime.
const apiKey = 'erasure-key-0123456789abcdef';
const auth = { authorization: `Bearer ${apiKey}` };

describe('erasing a debtor', () => {
  it('drops the link at once on the embedded store too (one process, its own notifications)', async () => {
    const embedded = await makeTempDir('security-erasure-embedded');
    const store = await openEmbeddedStore({ dataDir: embedded.dir });
    const [debtor] = await seedCampaign({
      db: store,
      id: 'embedded',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: 'https://v.example.com',
    });
    const publisher = openLocalPublisher({ root: path.join(embedded.dir, 'site') });
    // The store's own runner: erasing is an operator's action, offered where a runner is.
    const kit = makeRenderKit({ publisher, dataDir: embedded.dir, browserExecutable: undefined });
    const runner = openInProcessRunner({ db: store, publisher, ...kit, recipientsInFlight: 1 });
    const here = await buildApp({
      db: store,
      apiKey,
      runner,
      publisher,
      segmentCache: makeFolderSegmentCache({ dir: path.join(embedded.dir, 'segments') }),
    });
    try {
      const beacon = () =>
        here.inject({
          method: 'POST',
          url: '/t/e',
          headers: { 'content-type': 'text/plain' },
          payload: JSON.stringify({ token: debtor!.token, type: 'view' }),
        });
      expect((await beacon()).statusCode).toBe(204);
      await store.query('update recipients set erased_at = now() where token = $1', [debtor!.token]);
      expect((await beacon()).statusCode).toBe(204);
      await store.query('update recipients set erased_at = null where token = $1', [debtor!.token]);
      expect(
        (
          await here.inject({
            method: 'DELETE',
            url: `/api/campaigns/embedded/recipients/${debtor!.recordId}`,
            headers: auth,
          })
        ).statusCode,
      ).toBe(204);
      expect((await beacon()).statusCode).toBe(404);
      expect((await here.inject({ method: 'GET', url: `/t/c/${debtor!.token}/pay` })).statusCode).toBe(404);
    } finally {
      await here.close();
      await runner.close();
      await kit.close();
      await store.close();
      await embedded.remove();
    }
  }, 60_000);
});
