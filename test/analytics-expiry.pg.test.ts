import { describe, expect, it } from 'vitest';
import { expireEventData } from '../server/tracking/expire-event-data.ts';
import { makeEventBuffer } from '../server/tracking/make-event-buffer.ts';
import { eraseRecipient } from '../server/publish/erase-recipient.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { storeBackends } from './helpers/store-backends.ts';
import { auth, phone, useAnalyticsApp } from './helpers/analytics-app.ts';

describe.each(storeBackends)('expiry, erasure and event batching on $name', (backend) => {
  const t = useAnalyticsApp(backend);
  const { seed, beacon, analytics } = t;

  it('deletes personal event data after the retention period and keeps the aggregates', async () => {
    const recipients = await seed('expiring');
    await t.db.query("update campaigns set retention_days = 30 where id = 'expiring'");
    await beacon(recipients[0]!.token, 'view');
    await beacon(recipients[0]!.token, 'play');
    await t.app.inject({
      method: 'POST',
      url: '/api/campaigns/expiring/payments',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: `id,amount,date\n${recipients[0]!.recordId},20,2027-03-01`,
    });
    const before = await analytics('expiring');
    expect(await expireEventData({ db: t.db, now: new Date(Date.now() + 29 * 86_400_000) })).not.toContain('expiring');
    expect(await expireEventData({ db: t.db, now: new Date(Date.now() + 31 * 86_400_000) })).toContain('expiring');
    const { rows } = await t.db.query<{ count: string | number }>(
      "select (select count(*) from events where campaign_id = 'expiring') + (select count(*) from payments where campaign_id = 'expiring') as count",
    );
    expect(Number(rows[0]!.count)).toBe(0);
    const after = await analytics('expiring');
    expect(after.funnel).toEqual(before.funnel);
    expect(after.funnel).toMatchObject({ viewed: 1, played: 1, paid: 1 });
    expect(after.amounts).toEqual(before.amounts);
    expect(after.amounts.find((total: { currency: string }) => total.currency === 'EUR').paid).toBe(20);
    expect(after.expiredAt).toBeDefined();
    expect((await t.db.query('select 1 from visitor_salts')).rows).toEqual([]);
  });

  it('erasing a debtor drops their visitor hashes and event details, and keeps the counts and the payment anonymous', async () => {
    const [recipient] = await seed('erase');
    await beacon(recipient!.token, 'view');
    await beacon(recipient!.token, 'watched', phone, { seconds: Buffer.from([0x07]).toString('base64'), duration: 15 });
    await t.app.inject({
      method: 'POST',
      url: '/api/campaigns/erase/payments',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: `id,amount,date\n${recipient!.recordId},50,2027-03-01`,
    });
    const before = (await analytics('erase')).funnel;
    const temp = await makeTempDir('erase-analytics');
    await eraseRecipient({
      db: t.db,
      publisher: openLocalPublisher({ root: temp.dir }),
      campaignId: 'erase',
      recordId: recipient!.recordId,
    });
    await temp.remove();
    const { rows } = await t.db.query<{ record_id: string; visitor: string | null; detail: unknown }>(
      "select record_id, visitor, detail from events where campaign_id = 'erase'",
    );
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ record_id: expect.stringMatching(/^erased-/), visitor: null, detail: null });
    const payments = await t.db.query<{ record_id: string }>(
      "select record_id from payments where campaign_id = 'erase'",
    );
    expect(payments.rows[0]!.record_id).toBe(rows[0]!.record_id);
    const after = await analytics('erase');
    expect(after.funnel).toMatchObject({ viewed: before.viewed, paid: 1 });
    expect(after.amounts.find((total: { currency: string }) => total.currency === 'EUR').paid).toBe(50);
  });

  it('stores events in batches, refuses beyond its bound with 503, and stores everything accepted on close', async () => {
    await seed('buffer');
    const buffer = makeEventBuffer({ db: t.db, maxBatch: 100, flushMs: 60_000, maxPending: 250 });
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, index) =>
        buffer.add({ campaignId: 'buffer', recordId: `R${index}`, type: 'view', at: new Date() }),
      ),
    );
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(50);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ statusCode: 503 });
    const late = buffer.add({ campaignId: 'buffer', recordId: 'late', type: 'view', at: new Date() });
    await buffer.close();
    await expect(late).resolves.toBeUndefined();
    await expect(
      buffer.add({ campaignId: 'buffer', recordId: 'closed', type: 'view', at: new Date() }),
    ).rejects.toMatchObject({ statusCode: 503 });
    const { rows } = await t.db.query<{ count: string | number }>(
      "select count(*) as count from events where campaign_id = 'buffer'",
    );
    expect(Number(rows[0]!.count)).toBe(251);
  });
});
