import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { listRejects } from '../server/store/rejects.ts';
import { makeEventBuffer } from '../server/tracking/make-event-buffer.ts';
import { signWebhook } from '../server/tracking/verify-webhook-signature.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeCampaign, storeBackends } from './helpers/store-backends.ts';

type Debtors = Awaited<ReturnType<typeof seedCampaign>>;
const apiKey = 'test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${apiKey}` };
const webhookSecret = 'whsec-0123456789abcdef';

/** Strings PostgreSQL text and jsonb cannot hold, in values, keys and nested objects. */
const poisons = [
  { note: 'a\u0000b' },
  { note: '\ud800' },
  { note: 'tail \udc00' },
  { '\u0000': 1 },
  { '\ud83d': 'x' },
  { nested: { deeper: ['ok', 'x\u0000'] } },
];

describe.each(storeBackends)('one bad beacon fails alone, on $name', (backend) => {
  let db: Db;
  let tearDown: () => Promise<void>;
  let app: FastifyInstance;
  let debtors: Debtors;

  beforeAll(async () => {
    ({ db, tearDown } = await backend.setUp());
    debtors = await seedCampaign({
      db,
      id: 'beacons',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: 'https://pages.example.com',
    });
    app = await buildApp({ db, apiKey, webhookSecret });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await tearDown?.();
  });

  // JSON.stringify writes NUL and lone surrogates as \u escapes: valid JSON that parses back to them.
  const beacon = (token: string, detail: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ token, type: 'play', ...detail }),
    });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ count: string | number }>(sql, params)).rows[0]!.count);
  const clicksOf = (recordId: string, table = 'events') =>
    count(
      `select count(*) as count from ${table} where campaign_id = 'beacons' and record_id = $1 and type = 'click_pay'`,
      [recordId],
    );
  /** Event storage failing for real: the table is not there for a while. */
  const takeEventsAway = () => db.query('alter table events rename to events_away');
  const bringEventsBack = () => db.query('alter table events_away rename to events');
  const waitFor = async (check: () => Promise<boolean>, ms = 20_000) => {
    for (const until = Date.now() + ms; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100)))
      if (await check()) return true;
    return check();
  };

  it('stores all 40 good beacons sent together with 10 that the store cannot hold, and refuses those 10 with 400', async () => {
    const sends = Array.from({ length: 50 }, (_, index) => {
      const bad = index % 5 === 4;
      const debtor = debtors[index % debtors.length]!;
      return { bad, response: beacon(debtor.token, bad ? poisons[index % poisons.length]! : { n: index }) };
    });
    const answers = await Promise.all(sends.map(async (send) => ({ bad: send.bad, response: await send.response })));
    const good = answers.filter((answer) => !answer.bad);
    const bad = answers.filter((answer) => answer.bad);
    expect(good.map((answer) => answer.response.statusCode)).toEqual(Array(40).fill(204));
    expect(bad.map((answer) => answer.response.statusCode)).toEqual(Array(10).fill(400));
    for (const { response } of bad) {
      expect(response.json()).toMatchObject({
        error: expect.stringMatching(
          /holds a character that cannot be stored \(a NUL or half of a surrogate pair\); remove it/,
        ),
        fix: expect.stringContaining('without NUL characters or broken surrogate pairs'),
      });
    }
    expect(await count("select count(*) as count from events where campaign_id = 'beacons' and type = 'play'")).toBe(
      40,
    );
  });

  it('redirects every Pay-now click of other debtors during a stream of bad beacons, and stores each click', async () => {
    const [attacker, ...others] = debtors;
    const before = await count(
      "select count(*) as count from events where campaign_id = 'beacons' and type = 'click_pay'",
    );
    const stream = Array.from({ length: 60 }, (_, index) => beacon(attacker!.token, poisons[index % poisons.length]!));
    const clicks = Array.from({ length: 20 }, (_, index) =>
      app.inject({ method: 'GET', url: `/t/c/${others[index % others.length]!.token}/pay` }),
    );
    const [bad, redirects] = await Promise.all([Promise.all(stream), Promise.all(clicks)]);
    expect(bad.every((response) => response.statusCode === 400)).toBe(true);
    expect(redirects.map((response) => response.statusCode)).toEqual(Array(20).fill(302));
    for (const response of redirects)
      expect(response.headers.location).toMatch(/^https:\/\/pay\.example\.com\/checkout\?ref=/);
    expect(
      await count("select count(*) as count from events where campaign_id = 'beacons' and type = 'click_pay'"),
    ).toBe(before + 20);
  });

  it('stores a refused batch row by row, so only the event the store cannot hold fails', async () => {
    const buffer = makeEventBuffer({ db });
    const at = new Date();
    const rows = Array.from({ length: 21 }, (_, index) => ({
      campaignId: 'beacons',
      recordId: `batch-${index}`,
      type: 'play',
      at,
      detail: index === 10 ? { note: '\u0000' } : { n: index },
    }));
    const results = await Promise.allSettled(rows.map((row) => buffer.add(row)));
    expect(results.map((result) => result.status)).toEqual(
      rows.map((_, index) => (index === 10 ? 'rejected' : 'fulfilled')),
    );
    await buffer.close();
    expect(
      await count("select count(*) as count from events where campaign_id = 'beacons' and record_id like 'batch-%'"),
    ).toBe(20);
  });

  it('redirects a Pay-now click while event storage is failing, and stores the click once storage is back', async () => {
    const debtor = debtors[1]!;
    const before = await clicksOf(debtor.recordId);
    await takeEventsAway();
    try {
      const click = await app.inject({ method: 'GET', url: `/t/c/${debtor.token}/pay` });
      expect(click.statusCode).toBe(302);
      expect(click.headers.location).toBe(`https://pay.example.com/checkout?ref=${debtor.payRef}&intent=pay`);
      expect(await clicksOf(debtor.recordId, 'events_away')).toBe(before);
    } finally {
      await bringEventsBack();
    }
    expect(await waitFor(async () => (await clicksOf(debtor.recordId)) === before + 1)).toBe(true);
  }, 30_000);

  it('stores on shutdown the clicks it still holds, once storage is back', async () => {
    const closing = await buildApp({ db });
    const debtor = debtors[2]!;
    const before = await clicksOf(debtor.recordId);
    await takeEventsAway();
    let closed: Promise<void> | undefined;
    try {
      const click = await closing.inject({ method: 'GET', url: `/t/c/${debtor.token}/pay` });
      expect(click.statusCode).toBe(302);
      closed = closing.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await clicksOf(debtor.recordId, 'events_away')).toBe(before);
    } finally {
      await bringEventsBack();
    }
    await closed;
    expect(await clicksOf(debtor.recordId)).toBe(before + 1);
  }, 60_000);

  it('refuses or cleans what the store cannot hold in forms, survey answers, records, their rejects and payments, so other rows still land', async () => {
    const [debtor] = debtors;
    const page = (url: string, body: unknown) =>
      app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(body) });
    for (const response of [
      await page(`/t/f/${debtor!.token}/dispute`, { reason: 'other', details: 'not mine \ud800' }),
      await page(`/t/s/${debtor!.token}`, { score: 4, comment: 'fine \udfff', shownAfter: 'end' }),
    ]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatch(/^(details|comment) holds a character that cannot be stored/);
    }
    expect(await count("select count(*) as count from responses where campaign_id = 'beacons'")).toBe(0);

    // Records: a NUL in a CSV cell, a lone surrogate in a JSON value; the good rows are kept, the bad ones rejected with a storable value.
    await makeCampaign({ db, id: 'poisoned-records' });
    // The NUL comes after the first 64 KB, well past the encoding check that looks at the file's start.
    const long = 'x'.repeat(1_000_000);
    const csv = await makeMultipart({
      file: {
        name: 'records.csv',
        contents: `id,name,amount,due_date,invoice\nP0,${long},10,2027-01-01,F0\nP1,Anna\u0000Bianchi,10,2027-01-01,F1\nP2,Bo,10,2027-01-01,F2\n`,
      },
    });
    // Sent in 16 KB pieces as a network would deliver it, so the file's start is read on its own.
    const pieces = Array.from({ length: Math.ceil(csv.payload.length / 16_384) }, (_, index) =>
      csv.payload.subarray(index * 16_384, (index + 1) * 16_384),
    );
    const fromCsv = await app.inject({
      method: 'POST',
      url: '/api/campaigns/poisoned-records/records',
      headers: { ...auth, ...csv.headers },
      payload: Readable.from(pieces),
    });
    expect(fromCsv.statusCode).toBe(201);
    expect(fromCsv.json()).toMatchObject({
      accepted: 1,
      rejected: 2,
      rejects: [
        { row: 2, field: 'name' },
        {
          row: 3,
          field: 'name',
          value: 'Anna\uFFFDBianchi',
          reason: expect.stringMatching(/^name holds a character that cannot be stored/),
        },
      ],
    });
    const json = await makeMultipart({
      file: {
        name: 'more.json',
        type: 'application/json',
        contents: JSON.stringify([
          { id: 'P3', name: 'Carla \ud800', amount: 10, due_date: '2027-01-01', invoice: 'F3' },
          { id: 'P4', name: 'Dario', amount: 10, due_date: '2027-01-01', invoice: 'F4' },
        ]),
      },
    });
    await db.query("update campaigns set status = 'draft' where id = 'poisoned-records'");
    const fromJson = await app.inject({
      method: 'POST',
      url: '/api/campaigns/poisoned-records/records',
      headers: { ...auth, ...json.headers },
      payload: json.payload,
    });
    expect(fromJson.statusCode).toBe(201);
    expect(fromJson.json()).toMatchObject({ accepted: 1, rejected: 1 });
    expect(
      (await listRejects({ db, campaignId: 'poisoned-records', limit: 10 })).map((reject) => reject.value),
    ).toEqual([`${'x'.repeat(200)}… (1000000 characters)`, 'Anna\uFFFDBianchi', 'Carla \uFFFD']);
    expect(await count("select count(*) as count from recipients where campaign_id = 'poisoned-records'")).toBe(2);

    // Payments: a NUL in an imported payment id is a named bad row; the other row counts.
    const payments = `id,amount,date,payment_id\n${debtors[1]!.recordId},10,2027-03-01,pay\u0000one\n${debtors[2]!.recordId},20,2027-03-01,pay-two\n`;
    const imported = await app.inject({
      method: 'POST',
      url: '/api/campaigns/beacons/payments',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: payments,
    });
    expect(imported.statusCode).toBeLessThan(300);
    expect(JSON.stringify(imported.json())).toContain('holds a character that cannot be stored');
    expect(await count("select count(*) as count from payments where campaign_id = 'beacons'")).toBe(1);
    // A signed webhook with a NUL in its payment id is refused with 400, not a failed insert.
    const body = JSON.stringify({ paymentId: 'pi\u0000x', ref: debtors[3]!.payRef, amount: 5 });
    const timestamp = Math.floor(Date.now() / 1000);
    const hook = await app.inject({
      method: 'POST',
      url: '/hooks/payments/beacons',
      headers: {
        'content-type': 'application/json',
        'kindly-timestamp': String(timestamp),
        'kindly-signature': signWebhook({ secret: webhookSecret, timestamp, body }),
      },
      payload: body,
    });
    expect(hook.statusCode).toBe(400);
    expect(hook.json().error).toMatch(/^paymentId holds a character that cannot be stored/);
  });
});
