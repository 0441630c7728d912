import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { listEvents } from '../server/store/events.ts';
import { expireEventData } from '../server/tracking/expire-event-data.ts';
import { makeEventBuffer } from '../server/tracking/make-event-buffer.ts';
import { signWebhook } from '../server/tracking/verify-webhook-signature.ts';
import { findRecipientTemplateId } from '../server/store/variants.ts';
import { pickVariant } from '../server/store/pick-variant.ts';
import { eraseRecipient } from '../server/publish/erase-recipient.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';

/** Every example of the template is seeded as a recipient: the links issued. */
const issued = gentleReminder.examples.length;
import { storeBackends } from './helpers/store-backends.ts';

const apiKey = 'analytics-key-0123456789';
const auth = { authorization: `Bearer ${apiKey}` };
const phone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
/** What link previewers, mail security gateways, crawlers and scripts send. */
const automated = [
  'WhatsApp/2.23.20.0 A',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'TelegramBot (like TwitterBot)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
  'Proofpoint URL Defense',
  'Mimecast URL protect',
  'python-requests/2.31.0',
  'curl/8.4.0',
  '',
];

describe.each(storeBackends)('tracking and analytics on $name', (backend) => {
  let db: Db;
  let tearDown: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ db, tearDown } = await backend.setUp());
    app = await buildApp({ db, apiKey, trackingRateLimit: 100_000 });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tearDown?.();
  });

  const seed = (id: string) =>
    seedCampaign({ db, id, payUrl: 'https://pay.example.com/checkout', baseUrl: 'https://v.example.com' });
  const beacon = (token: string, type: string, userAgent = phone, detail: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
      payload: JSON.stringify({ token, type, ...detail }),
    });
  const analytics = async (id: string) =>
    (await app.inject({ method: 'GET', url: `/api/campaigns/${id}/analytics`, headers: auth })).json();

  it('counts no view, open or click from scanners, previews, crawlers, scripts or HEAD requests, and keeps them flagged', async () => {
    const [recipient] = await seed('bots');
    for (const userAgent of automated) {
      expect((await beacon(recipient!.token, 'view', userAgent)).statusCode).toBe(204);
      const click = await app.inject({
        method: 'GET',
        url: `/t/c/${recipient!.token}/pay`,
        headers: { 'user-agent': userAgent },
      });
      expect(click.statusCode).toBe(302);
    }
    const head = await app.inject({
      method: 'HEAD',
      url: `/t/c/${recipient!.token}/plan`,
      headers: { 'user-agent': phone },
    });
    expect(head.statusCode).toBe(302);
    const preview = await app.inject({
      method: 'GET',
      url: `/t/p/${recipient!.token}/pixel.gif`,
      headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' },
    });
    expect(preview.statusCode).toBe(200);

    const result = await analytics('bots');
    expect(result.funnel).toMatchObject({ issued, opened: 0, viewed: 0, clicked: 0 });
    expect(result.flagged).toEqual({
      scanner: { view: automated.length, click_pay: automated.length, open: 1 },
      head: { click_plan: 1 },
    });
    const stats = (await app.inject({ method: 'GET', url: '/api/campaigns/bots/stats', headers: auth })).json();
    expect(stats.funnel).toMatchObject({ viewed: 0, clickedPay: 0, clickedPlan: 0 });

    // A person on a phone counts.
    await beacon(recipient!.token, 'view');
    await app.inject({ method: 'GET', url: `/t/c/${recipient!.token}/pay`, headers: { 'user-agent': phone } });
    expect((await analytics('bots')).funnel).toMatchObject({ viewed: 1, clicked: 1 });
  });

  it('flags a click seconds after delivery without a page view, and counts one after a view', async () => {
    const [first, second] = await seed('delivery');
    const delivered = await app.inject({
      method: 'POST',
      url: '/api/campaigns/delivery/deliveries',
      headers: auth,
      payload: { recordIds: [first!.recordId, second!.recordId, 'NOPE'] },
    });
    expect(delivered.json()).toEqual({ updated: 2, unknown: ['NOPE'] });
    await app.inject({ method: 'GET', url: `/t/c/${first!.token}/pay`, headers: { 'user-agent': phone } });
    await beacon(second!.token, 'view');
    await app.inject({ method: 'GET', url: `/t/c/${second!.token}/pay`, headers: { 'user-agent': phone } });
    const result = await analytics('delivery');
    expect(result.flagged).toEqual({ too_soon: { click_pay: 1 } });
    expect(result.funnel).toMatchObject({ viewed: 1, clicked: 1 });
  });

  it('serves the open pixel as an uncacheable GIF, for known and unknown links alike', async () => {
    const [recipient] = await seed('pixel');
    for (const token of [recipient!.token, 'A'.repeat(22), 'bad']) {
      const response = await app.inject({
        method: 'GET',
        url: `/t/p/${token}/pixel.gif`,
        headers: { 'user-agent': 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/gif');
      expect(response.headers['cache-control']).toContain('no-store');
      expect(response.rawPayload.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    }
    expect(await listEvents({ db, campaignId: 'pixel', recordId: recipient!.recordId })).toEqual(['open']);
    expect((await analytics('pixel')).funnel.opened).toBe(1);
  });

  it('stores no address: visitors are a salted hash, the same for one visitor in a day', async () => {
    const [a, b] = await seed('privacy');
    await beacon(a!.token, 'view');
    await beacon(a!.token, 'play');
    await app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain', 'user-agent': phone },
      remoteAddress: '203.0.113.9',
      payload: JSON.stringify({ token: b!.token, type: 'view' }),
    });
    const { rows } = await db.query<Record<string, unknown>>(
      "select * from events where campaign_id = 'privacy' order by created_at, id",
    );
    expect(rows.map((row) => row.visitor)).toEqual([
      expect.stringMatching(/^[\w-]{22}$/),
      rows[0]!.visitor,
      expect.not.stringMatching(String(rows[0]!.visitor)),
    ]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('127.0.0.1');
    expect(stored).not.toContain('203.0.113.9');
    const salts = await db.query<{ day: string }>('select day::text as day from visitor_salts');
    expect(salts.rows.map((row) => row.day)).toEqual([new Date().toISOString().slice(0, 10)]);
  });

  it('takes payments by signed webhook: a bad signature, an old timestamp and a replay are refused', async () => {
    const [recipient] = await seed('hook');
    const secret = 'hook-secret-0123456789';
    await db.query("update campaigns set webhook_secret = $1 where id = 'hook'", [secret]);
    const send = (body: object, options: { timestamp?: number; secret?: string } = {}) => {
      const text = JSON.stringify(body);
      const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
      const signature = signWebhook({ secret: options.secret ?? secret, timestamp, body: text });
      return app.inject({
        method: 'POST',
        url: '/hooks/payments/hook',
        headers: {
          'content-type': 'application/json',
          'kindly-timestamp': String(timestamp),
          'kindly-signature': signature,
        },
        payload: text,
      });
    };
    const payment = { paymentId: 'pi_1', ref: recipient!.payRef, amount: 1234.5, currency: 'EUR' };
    const forged = await send(payment, { secret: 'another-secret-0123456' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error).toBe('The webhook signature does not match');
    const old = await send(payment, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(old.statusCode).toBe(401);
    expect(old.json().error).toMatch(/more than 300 seconds/);
    const tampered = await app.inject({
      method: 'POST',
      url: '/hooks/payments/hook',
      headers: {
        'content-type': 'application/json',
        'kindly-timestamp': String(Math.floor(Date.now() / 1000)),
        'kindly-signature': signWebhook({
          secret,
          timestamp: Math.floor(Date.now() / 1000),
          body: JSON.stringify(payment),
        }),
      },
      payload: JSON.stringify({ ...payment, amount: 1 }),
    });
    expect(tampered.statusCode).toBe(401);
    expect((await analytics('hook')).funnel.paid).toBe(0);

    expect((await send(payment)).statusCode).toBe(201);
    const replay = await send(payment);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error).toBe('This payment id was already recorded; nothing changed');
    const unknownRef = await send({ ...payment, paymentId: 'pi_2', ref: 'nope' });
    expect(unknownRef.statusCode).toBe(404);
    expect((await analytics('hook')).funnel).toMatchObject({ paid: 1, recoveryRate: 1 / issued });
    expect(
      (await analytics('hook')).amounts.find((total: { currency: string }) => total.currency === 'EUR'),
    ).toMatchObject({ paid: 1234.5, paidText: '€1,234.50' });
  });

  it('imports payments from a CSV once each, names bad rows, and shows conversions in the funnel and its CSV', async () => {
    const recipients = await seed('import');
    const csv = [
      'id;amount;date',
      `${recipients[1]!.recordId};89,90;2027-03-01`,
      `${recipients[2]!.recordId};500;15/03/2027`,
      'GHOST;10;2027-03-01',
      `${recipients[3]!.recordId};abc;2027-03-01`,
      `${recipients[4]!.recordId};10;31/02/2027`,
    ].join('\n');
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/api/campaigns/import/payments',
        headers: { ...auth, 'content-type': 'text/csv' },
        payload: csv,
      });
    const first = await post();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      imported: 2,
      duplicates: 0,
      rejected: 3,
      rejects: [
        { row: 4, field: 'id', value: 'GHOST', reason: 'no recipient of this campaign has this id' },
        { row: 5, field: 'amount', value: 'abc', reason: 'not a positive amount; write it as 120.50 or 120,50' },
        { row: 6, field: 'date', value: '31/02/2027', reason: 'not a date; write it as 2027-03-15 or 15/03/2027' },
      ],
    });
    expect((await post()).json()).toMatchObject({ imported: 0, duplicates: 2 });
    const missing = await app.inject({
      method: 'POST',
      url: '/api/campaigns/import/payments',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: 'id,total\nX,1',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('The payments file lacks the column(s) amount, date');

    await beacon(recipients[1]!.token, 'view');
    const result = await analytics('import');
    expect(result.funnel).toMatchObject({ issued, viewed: 1, paid: 2, recoveryRate: 2 / issued });
    // Paid 89.90 GBP and 500 EUR: summed per currency, never across (the examples owe EUR, GBP, CHF and TWD).
    expect(result.amounts).toEqual([
      { currency: 'CHF', owed: 75, paid: 0, recoveryRate: 0, owedText: 'CHF\u00a075.00', paidText: 'CHF\u00a00.00' },
      {
        currency: 'EUR',
        owed: 1_002_964.5,
        paid: 500,
        recoveryRate: 500 / 1_002_964.5,
        owedText: '€1,002,964.50',
        paidText: '€500.00',
      },
      { currency: 'GBP', owed: 89.9, paid: 89.9, recoveryRate: 1, owedText: '£89.90', paidText: '£89.90' },
      { currency: 'TWD', owed: 12_500, paid: 0, recoveryRate: 0, owedText: 'NT$12,500', paidText: 'NT$0' },
    ]);
    const funnelCsv = await app.inject({ method: 'GET', url: '/api/campaigns/import/funnel.csv', headers: auth });
    const money = ['CHF', 'EUR', 'GBP', 'TWD'].flatMap((currency) => [
      `owedAmount_${currency}`,
      `paidAmount_${currency}`,
      `amountRecoveryRate_${currency}`,
    ]);
    expect(funnelCsv.body.split('\n')[0]).toBe(
      [
        'variant,issued,opened,viewed,gatePassed,played,reached50,completed,clicked,planChosen,optedOut,paid,recoveryRate',
        ...money,
      ].join(','),
    );
    expect(funnelCsv.body.split('\n')[1]).toBe(
      `all,${issued},0,1,0,0,0,0,0,0,0,2,${2 / issued},75,0,0,1002964.5,500,${500 / 1_002_964.5},89.9,89.9,1,12500,0,0`,
    );
    const outcomes = (
      await app.inject({ method: 'GET', url: '/api/campaigns/import/outcomes.csv', headers: auth })
    ).body
      .trim()
      .split('\n');
    expect(outcomes).toHaveLength(issued + 1);
    expect(outcomes[0]).toContain('paid_amount,currency,flagged_events');
    expect(outcomes[2]).toBe(`${recipients[1]!.recordId},,published,0,no,yes,no,no,no,no,no,no,no,89.9,GBP,0`);
  });

  it('splits recipients between variants by a hash of campaign and record id, and the render uses the variant template', async () => {
    const create = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth,
      payload: {
        id: 'ab-test',
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com/c',
        variants: [
          { id: 'A', template: 'gentle-reminder' },
          { id: 'B', template: 'gentle-reminder', weight: 1 },
        ],
      },
    });
    expect(create.statusCode).toBe(201);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth,
      payload: {
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com/c',
        variants: [
          { id: 'A', template: 'gentle-reminder' },
          { id: 'B', template: 'no-such-template' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().value).toBe('"no-such-template"');
    const rows = [
      'id,name,amount,currency,due_date,invoice,locale',
      ...Array.from({ length: 400 }, (_, index) => `R-${index},Name ${index},10,EUR,2027-03-01,INV-${index},it-IT`),
    ].join('\n');
    const form = await makeMultipart({ file: { name: 'records.csv', contents: rows } });
    const upload = await app.inject({
      method: 'POST',
      url: '/api/campaigns/ab-test/records',
      headers: { ...auth, ...form.headers },
      payload: form.payload,
    });
    expect(upload.json()).toMatchObject({ accepted: 400 });
    const { rows: split } = await db.query<{ variant: string; count: string | number }>(
      "select variant, count(*) as count from recipients where campaign_id = 'ab-test' group by variant order by variant",
    );
    expect(split.map((row) => row.variant)).toEqual(['A', 'B']);
    for (const row of split) expect(Math.abs(Number(row.count) - 200)).toBeLessThan(40);
    const variants = [
      { id: 'A', template: 'gentle-reminder', weight: 1 },
      { id: 'B', template: 'gentle-reminder', weight: 1 },
    ];
    const stored = await db.query<{ record_id: string; variant: string }>(
      "select record_id, variant from recipients where campaign_id = 'ab-test'",
    );
    for (const row of stored.rows)
      expect(row.variant).toBe(pickVariant({ campaignId: 'ab-test', recordId: row.record_id, variants }).id);
    expect(await findRecipientTemplateId({ db, campaignId: 'ab-test', recordId: 'R-1', fallback: 'other' })).toBe(
      'gentle-reminder',
    );
    await db.query("update campaigns set variants = $1::jsonb where id = 'ab-test'", [
      JSON.stringify([variants[0], { ...variants[1], template: 'spring-tone' }]),
    ]);
    const inB = stored.rows.find((row) => row.variant === 'B')!.record_id;
    const inA = stored.rows.find((row) => row.variant === 'A')!.record_id;
    expect(
      await findRecipientTemplateId({ db, campaignId: 'ab-test', recordId: inB, fallback: 'gentle-reminder' }),
    ).toBe('spring-tone');
    expect(
      await findRecipientTemplateId({ db, campaignId: 'ab-test', recordId: inA, fallback: 'gentle-reminder' }),
    ).toBe('gentle-reminder');
  });

  it('draws the retention curve from the seconds actually watched', async () => {
    const [viewer, skipper] = await seed('retention');
    const bitmap = (seconds: number[]) => {
      const bytes = new Uint8Array(2);
      for (const second of seconds) bytes[second >> 3]! |= 1 << (second & 7);
      return Buffer.from(bytes).toString('base64');
    };
    await beacon(viewer!.token, 'watched', phone, { seconds: bitmap([0, 1, 2, 3, 4]), duration: 15 });
    await beacon(viewer!.token, 'watched', phone, { seconds: bitmap([3, 4, 5, 6, 7, 8]), duration: 15 });
    await beacon(skipper!.token, 'watched', phone, { seconds: bitmap([0, 1, 14]), duration: 15 });
    const result = await analytics('retention');
    expect(result.retention).toEqual({ viewers: 2, seconds: [2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1] });
    const large = await beacon(viewer!.token, 'watched', phone, { seconds: 'x'.repeat(3000) });
    expect(large.statusCode).toBe(400);
    expect(large.json().error).toBe('The event detail is too large');
  });

  it('deletes personal event data after the retention period and keeps the aggregates', async () => {
    const recipients = await seed('expiring');
    await db.query("update campaigns set retention_days = 30 where id = 'expiring'");
    await beacon(recipients[0]!.token, 'view');
    await beacon(recipients[0]!.token, 'play');
    await app.inject({
      method: 'POST',
      url: '/api/campaigns/expiring/payments',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: `id,amount,date\n${recipients[0]!.recordId},20,2027-03-01`,
    });
    const before = await analytics('expiring');
    expect(await expireEventData({ db, now: new Date(Date.now() + 29 * 86_400_000) })).not.toContain('expiring');
    expect(await expireEventData({ db, now: new Date(Date.now() + 31 * 86_400_000) })).toContain('expiring');
    const { rows } = await db.query<{ count: string | number }>(
      "select (select count(*) from events where campaign_id = 'expiring') + (select count(*) from payments where campaign_id = 'expiring') as count",
    );
    expect(Number(rows[0]!.count)).toBe(0);
    const after = await analytics('expiring');
    expect(after.funnel).toEqual(before.funnel);
    expect(after.funnel).toMatchObject({ viewed: 1, played: 1, paid: 1 });
    expect(after.amounts).toEqual(before.amounts);
    expect(after.amounts.find((total: { currency: string }) => total.currency === 'EUR').paid).toBe(20);
    expect(after.expiredAt).toBeDefined();
    expect((await db.query('select 1 from visitor_salts')).rows).toEqual([]);
  });

  it('erasing a debtor drops their visitor hashes and event details, and keeps the counts and the payment anonymous', async () => {
    const [recipient] = await seed('erase');
    await beacon(recipient!.token, 'view');
    await beacon(recipient!.token, 'watched', phone, { seconds: Buffer.from([0x07]).toString('base64'), duration: 15 });
    await app.inject({
      method: 'POST',
      url: '/api/campaigns/erase/payments',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: `id,amount,date\n${recipient!.recordId},50,2027-03-01`,
    });
    const before = (await analytics('erase')).funnel;
    const temp = await makeTempDir('erase-analytics');
    await eraseRecipient({
      db,
      publisher: openLocalPublisher({ root: temp.dir }),
      campaignId: 'erase',
      recordId: recipient!.recordId,
    });
    await temp.remove();
    const { rows } = await db.query<{ record_id: string; visitor: string | null; detail: unknown }>(
      "select record_id, visitor, detail from events where campaign_id = 'erase'",
    );
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ record_id: expect.stringMatching(/^erased-/), visitor: null, detail: null });
    const payments = await db.query<{ record_id: string }>(
      "select record_id from payments where campaign_id = 'erase'",
    );
    expect(payments.rows[0]!.record_id).toBe(rows[0]!.record_id);
    const after = await analytics('erase');
    expect(after.funnel).toMatchObject({ viewed: before.viewed, paid: 1 });
    expect(after.amounts.find((total: { currency: string }) => total.currency === 'EUR').paid).toBe(50);
  });

  it('stores events in batches, refuses beyond its bound with 503, and stores everything accepted on close', async () => {
    await seed('buffer');
    const buffer = makeEventBuffer({ db, maxBatch: 100, flushMs: 60_000, maxPending: 250 });
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
    const { rows } = await db.query<{ count: string | number }>(
      "select count(*) as count from events where campaign_id = 'buffer'",
    );
    expect(Number(rows[0]!.count)).toBe(251);
  });
});
