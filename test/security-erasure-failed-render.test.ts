import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRecipient } from '../server/jobs/process-recipient.ts';
import { publishSiteAssets } from '../server/publish/publish-site-assets.ts';
import { findCampaign } from '../server/store/campaigns.ts';
import { findRecipient } from '../server/store/recipients.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { auth, keptRecord, openSegmentCacheApp, type SegmentCacheApp } from './helpers/open-segment-cache-app.ts';

// GDPR art. 17: a render that failed part way leaves no personal segment of the debtor behind once they are erased.
let opened: SegmentCacheApp;

beforeAll(async () => {
  opened = await openSegmentCacheApp({ name: 'security-erasure-failed-render' });
  // Another debtor of the locale rendered first: the shared intro and outro come from the cache.
  await opened.renderCampaign('kept', keptRecord);
}, 600_000);

afterAll(async () => {
  await opened?.close();
});

describe('erasing a debtor whose render failed', () => {
  it('removes the personal segments of a render that failed after caching them', async () => {
    const { app, db, listEntries, pool, publisher, temp } = opened;
    await opened.uploadCampaign('failing', 'F-1,Imogen Achterberg,312.40,GBP,2027-03-20,INV-2027-0101,en-GB');
    const campaign = (await findCampaign({ db, id: 'failing' }))!;
    const recipient = (await findRecipient({ db, campaignId: 'failing', recordId: 'F-1' }))!;
    const lease = await pool.lease(gentleReminder);
    // Stopped once the video (and so its personal chunk) is made, before the poster: the render fails.
    const stop = new AbortController();
    const state = await processRecipient({
      db,
      campaign,
      template: gentleReminder,
      getRenderer: async () => lease.renderer,
      publisher,
      assets: await publishSiteAssets({ publisher }),
      recipient,
      workRoot: path.join(temp.dir, 'work'),
      signal: stop.signal,
      onProgress: (progress) => progress >= 0.95 && stop.abort(),
    }).finally(() => lease.release());
    expect(state.status).toBe('failed');
    const { rows } = await db.query<{ key: string }>(
      'select key from recipient_segments where token = $1 and personal',
      [recipient.token],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const cached = await listEntries();
    for (const { key } of rows) expect(cached.bucket).toContain(key);

    expect(
      (await app.inject({ method: 'DELETE', url: '/api/campaigns/failing/recipients/F-1', headers: auth })).statusCode,
    ).toBe(204);
    const after = await listEntries();
    for (const { key } of rows) {
      expect(after.bucket).not.toContain(key);
      expect(after.folder).not.toContain(key);
    }
  }, 300_000);
});
