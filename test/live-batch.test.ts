import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { startCampaignRun } from '../server/campaigns/start-campaign-run.ts';
import { makeRenderKit } from '../server/jobs/make-render-kit.ts';
import { openInProcessRunner, type InProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import type { RenderJobOutcome } from '../server/jobs/run-render-job.ts';
import { eraseRecipient } from '../server/publish/erase-recipient.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import type { Publisher } from '../server/publish/publisher.ts';
import { addIngestCounts, createCampaign, getCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { makePayRef, makeToken } from '../server/store/make-token.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { findRecipient, insertRecipients } from '../server/store/recipients.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// A live campaign is published in batches (one claim, one write of outcomes per batch); each
// recipient still ends in one state, and a fault touching one page touches only that page.
const count = 120;
const campaignId = 'live-batches';
const examples = (gentleReminder.examples as readonly (Record<string, unknown> & { locale: string })[]).filter(
  (example) => ['it-IT', 'en-GB'].includes(example.locale),
);

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let runner: InProcessRunner;
let closeKit: () => Promise<void>;
const siteDir = () => path.join(temp.dir, 'site');
const recipients = Array.from({ length: count }, (_, index) => {
  const example = examples[index % examples.length]!;
  const recordId = `B-${index + 1}`;
  return {
    recordId,
    row: index + 2,
    token: makeToken(),
    payRef: makePayRef(),
    locale: example.locale,
    data: { ...example, id: recordId, name: `Debtor ${index + 1}` },
  };
});
// The CDN refuses the first write of one page (a blip), and only that one.
const blipped = recipients[73]!;
const erased = recipients[7]!;
const outcomes: RenderJobOutcome[] = [];

beforeAll(async () => {
  temp = await makeTempDir('live-batch');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  const local = openLocalPublisher({ root: siteDir() });
  let refused = false;
  const publisher: Publisher = {
    ...local,
    put: async (options) => {
      if (!refused && options.key === `r/${blipped.token}/index.html`) {
        refused = true;
        throw Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' });
      }
      await local.put(options);
    },
  };
  const kit = makeRenderKit({ publisher, dataDir: temp.dir, browserExecutable: undefined });
  runner = openInProcessRunner({ db, publisher, ...kit, backoffMs: 10 });
  closeKit = kit.close;
  await createCampaign({
    db,
    campaign: {
      id: campaignId,
      templateId: gentleReminder.id,
      templateVersion: gentleReminder.version,
      payUrl: 'https://pay.example.com/c',
      baseUrl: 'https://v.example.com',
      status: 'ready',
      playback: 'live',
    },
  });
  await insertRecipients({ db, campaignId, recipients });
  await addIngestCounts({ db, id: campaignId, accepted: count, rejected: 0 });
  await eraseRecipient({ db, publisher, campaignId, recordId: erased.recordId });
  const stop = runner.follow({ campaignId, onOutcome: ({ outcome }) => void outcomes.push(outcome) });
  await startCampaignRun({ db, runner, id: campaignId, action: 'start' });
  await runner.idle({ campaignId });
  stop();
}, 600_000);

afterAll(async () => {
  await runner?.close();
  await closeKit?.();
  await db?.close();
  await temp?.remove();
});

describe('a live campaign published in batches', () => {
  it('ends every recipient in one state, and the campaign done: counts add up', async () => {
    const { rows } = await db.query<{ status: string; count: string | number }>(
      'select status, count(*) as count from recipients where campaign_id = $1 and erased_at is null group by status',
      [campaignId],
    );
    expect(Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]))).toEqual({ published: count - 1 });
    expect((await getCampaign({ db, id: campaignId })).status).toBe('done');
    // One outcome heard per recipient published, the retried one once.
    expect(outcomes.filter((outcome) => outcome.kind === 'done')).toHaveLength(count - 1);
    expect(outcomes.every((outcome) => outcome.kind === 'skipped' || outcome.state.status === 'published')).toBe(true);
  });

  it("retries the page the CDN refused on its own, and publishes it; its neighbours' attempts stay one", async () => {
    const retried = await findRecipient({ db, campaignId, recordId: blipped.recordId });
    expect(retried?.state.status).toBe('published');
    expect(retried?.attempts).toBe(2);
    await fs.access(path.join(siteDir(), 'r', blipped.token, 'index.html'));
    const neighbour = await findRecipient({ db, campaignId, recordId: recipients[72]!.recordId });
    expect(neighbour?.attempts).toBe(1);
  });

  it('leaves an erased debtor out: no page, no state', async () => {
    await expect(fs.access(path.join(siteDir(), 'r', erased.token))).rejects.toThrow();
    const { rows } = await db.query<{ status: string; erased_at: unknown }>(
      'select status, erased_at from recipients where token = $1',
      [erased.token],
    );
    expect(rows[0]?.erased_at).not.toBeNull();
    expect(rows[0]?.status).toBe('queued');
  });
});
