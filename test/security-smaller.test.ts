import fs from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { listRejects } from '../server/store/rejects.ts';
import { findRecipientByToken } from '../server/store/recipients.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { signWebhook } from '../server/tracking/verify-webhook-signature.ts';
import { gentleReminderExamples } from '../templates/gentle-reminder/examples.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { runCli } from './helpers/run-cli.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeCampaign } from './helpers/store-backends.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${apiKey}` };
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let debtors: Awaited<ReturnType<typeof seedCampaign>>;

beforeAll(async () => {
  temp = await makeTempDir('security-smaller');
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  debtors = await seedCampaign({
    db,
    id: 'open',
    payUrl: 'https://pay.example.com/checkout',
    baseUrl: 'https://pages.example.com',
  });
  const siteDir = path.join(temp.dir, 'site');
  await fs.mkdir(path.join(siteDir, 'r', 'page'), { recursive: true });
  await fs.writeFile(path.join(siteDir, 'r', 'page', 'index.html'), '<!doctype html><title>page</title>');
  app = await buildApp({ db, apiKey, siteDir, webhookSecret: 'whsec-shared' });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await temp?.remove();
});

/** JSON text nested 20 000 levels: deep enough that walking it recursively overflows the stack, yet inside the 64 KB body limit. */
const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
const problemOf = (response: { json: () => unknown }) =>
  response.json() as { error: string; value?: string; fix: string };

describe('hostile callers, smaller holes', () => {
  it('refuses every key from an address after ten wrong ones in a minute, while a right key from elsewhere still works', async () => {
    const attacker = '203.0.113.7';
    const wrong = Array.from({ length: 10 }, (_, index) =>
      app.inject({
        method: 'GET',
        url: '/api/campaigns',
        remoteAddress: attacker,
        headers: { authorization: `Bearer guess-${index}` },
      }),
    );
    expect((await Promise.all(wrong)).map((response) => response.statusCode)).toEqual(Array(10).fill(401));
    const throttled = await app.inject({
      method: 'GET',
      url: '/api/campaigns',
      remoteAddress: attacker,
      headers: { authorization: 'Bearer guess-11' },
    });
    expect(throttled.statusCode).toBe(429);
    expect(problemOf(throttled).error).toBe(
      'Too many wrong API keys from this address; keys from it are refused for now',
    );
    expect(problemOf(throttled).fix).toMatch(/^Wait \d+ seconds, then send a valid key$/);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right key is refused from there until the minute is over: guessing gains nothing.
    expect(
      (await app.inject({ method: 'GET', url: '/api/campaigns', remoteAddress: attacker, headers: auth })).statusCode,
    ).toBe(429);
    expect(
      (await app.inject({ method: 'GET', url: '/api/campaigns', remoteAddress: '198.51.100.2', headers: auth }))
        .statusCode,
    ).toBe(200);
  });

  it('behind one proxy, counts the address the proxy saw: a forged X-Forwarded-For does not start a fresh count', async () => {
    const proxied = await buildApp({ db, apiKey, trustProxy: 1 });
    try {
      // The load balancer (127.0.0.1) appends the address it saw; whatever the caller wrote stands before it.
      const guess = (index: number) =>
        proxied.inject({
          method: 'GET',
          url: '/api/campaigns',
          remoteAddress: '127.0.0.1',
          headers: { authorization: `Bearer guess-${index}`, 'x-forwarded-for': `10.0.${index}.1, 203.0.113.9` },
        });
      const answers = [];
      for (let index = 0; index < 11; index += 1) answers.push((await guess(index)).statusCode);
      expect(answers).toEqual([...Array(10).fill(401), 429]);
    } finally {
      await proxied.close();
    }
  });

  it('takes an opt-out only from its own page: a cross-site post is refused, the real page form works in a browser', async () => {
    const [victim, other, clicker] = debtors;
    const crossSite = await app.inject({
      method: 'POST',
      url: `/t/o/${victim!.token}`,
      headers: {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: '',
    });
    expect(crossSite.statusCode).toBe(403);
    expect(problemOf(crossSite)).toMatchObject({
      error: 'This opt-out was sent from another site, so it was not taken',
      value: '"https://evil.example"',
    });
    const originOnly = await app.inject({
      method: 'POST',
      url: `/t/o/${victim!.token}`,
      headers: { origin: 'https://evil.example', host: 'track.example.com' },
      payload: '',
    });
    expect(originOnly.statusCode).toBe(403);
    expect((await findRecipientByToken({ db, token: victim!.token }))!.optedOut).toBe(false);
    // A post without those headers (an older browser, a mail client's form) is still taken.
    const plain = await app.inject({
      method: 'POST',
      url: `/t/o/${other!.token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(plain.statusCode).toBe(200);
    expect((await findRecipientByToken({ db, token: other!.token }))!.optedOut).toBe(true);

    const closers: Closers = [];
    try {
      // The attacker's page, on another site (localhost is not 127.0.0.1), posts the form for the debtor.
      const port = await getFreePort();
      const evil = Fastify({ forceCloseConnections: true });
      closers.push(() => evil.close());
      evil.get('/', async (_request, reply) =>
        reply
          .type('text/html')
          .send(
            `<form method="post" action="http://127.0.0.1:${port}/t/o/${victim!.token}"><button id="go">Win a prize</button></form>`,
          ),
      );
      const evilPort = await getFreePort();
      await evil.listen({ port: evilPort, host: '127.0.0.1' });
      const { base, browser } = await listenAndLaunch({ app: await buildApp({ db, apiKey }), closers, port });
      const page = await browser.newPage();
      await page.goto(`http://localhost:${evilPort}/`);
      const [refused] = await Promise.all([page.waitForNavigation(), page.click('#go')]);
      expect(refused!.status()).toBe(403);
      expect((await findRecipientByToken({ db, token: victim!.token }))!.optedOut).toBe(false);

      await page.goto(`${base}/t/o/${clicker!.token}`);
      const [done] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      expect(done!.status()).toBe(200);
      expect(await page.$eval('[role=status]', (node) => node.textContent)).toBeTruthy();
      expect((await findRecipientByToken({ db, token: clicker!.token }))!.optedOut).toBe(true);
    } finally {
      await closeAll(closers);
    }
  }, 60_000);

  it('answers every HTML page with frame-ancestors none in the header, where a meta CSP cannot say it', async () => {
    const [debtor] = debtors;
    const pages = [
      await app.inject({ method: 'GET', url: `/t/o/${debtor!.token}` }),
      await app.inject({ method: 'GET', url: '/demo/pay?ref=abc' }),
      await app.inject({ method: 'GET', url: '/admin/' }),
      await app.inject({ method: 'GET', url: '/docs/' }),
      await app.inject({ method: 'GET', url: '/r/page/' }),
    ];
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
    // Published pages keep their own, fuller policy.
    expect(pages[4]!.headers['content-security-policy']).toMatch(/default-src/);
  });

  it('keeps at most 200 characters of a rejected 20 MB cell, with a reason that still says what is wrong', async () => {
    await makeCampaign({ db, id: 'huge-cell' });
    const huge = 'A'.repeat(20 * 1024 * 1024);
    const upload = await makeMultipart({
      file: {
        name: 'records.csv',
        contents: `id,name,amount,due_date,invoice\nD1,${huge},10,2027-01-01,F1\nD2,Bo,10,2027-01-01,F2\n`,
      },
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/campaigns/huge-cell/records',
      headers: { ...auth, ...upload.headers },
      payload: upload.payload,
    });
    expect(response.statusCode).toBe(201);
    expect(response.payload.length).toBeLessThan(5_000);
    const body = response.json() as {
      accepted: number;
      rejected: number;
      rejects: { row: number; field: string; value: string; reason: string }[];
    };
    expect(body).toMatchObject({ accepted: 1, rejected: 1 });
    const [stored] = await listRejects({ db, campaignId: 'huge-cell', limit: 10 });
    for (const reject of [body.rejects[0]!, stored!]) {
      expect(reject).toMatchObject({
        row: 2,
        field: 'name',
        reason: expect.stringMatching(/^name is longer than \d+ characters; shorten it$/),
      });
      expect(reject.value).toBe(`${'A'.repeat(200)}… (${huge.length} characters)`);
    }
  }, 60_000);

  it('answers JSON nested past 64 levels with 400 on page routes and a reject per record on upload, never a stack overflow', async () => {
    const [debtor] = debtors;
    const post = (url: string, payload: string, type = 'text/plain') =>
      app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });
    for (const response of [
      await post('/t/e', `{"token":"${debtor!.token}","type":"play","deep":${deep}}`),
      await post(`/t/f/${debtor!.token}/dispute`, `{"reason":${deep}}`),
      await post(`/t/f/${debtor!.token}/paid`, `{"paidOn":${deep}}`, 'application/json'),
    ]) {
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).error).toMatch(/ is nested more than 64 levels deep; flatten it$/);
    }

    const good: Record<string, unknown> = { ...gentleReminderExamples[0], id: 'GOOD-1' };
    const { name: _name, ...rest } = good;
    const deepRecord = `{"name":${deep},${JSON.stringify({ ...rest, id: 'DEEP-1' }).slice(1)}`;
    const files = [
      { name: 'records.json', contents: `[${deepRecord}, ${JSON.stringify(good)}]`, row: 1, what: 'element 1' },
      { name: 'records.ndjson', contents: `${deepRecord}\n${JSON.stringify(good)}\n`, row: 1, what: 'line 1' },
    ];
    for (const file of files) {
      const campaignId = `deep-${file.name.replace('.', '-')}`;
      await makeCampaign({ db, id: campaignId });
      const upload = await makeMultipart({
        file: { name: file.name, contents: file.contents, type: 'application/json' },
      });
      const response = await app.inject({
        method: 'POST',
        url: `/api/campaigns/${campaignId}/records`,
        headers: { ...auth, ...upload.headers },
        payload: upload.payload,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        accepted: 1,
        rejected: 1,
        rejects: [{ row: file.row, field: '*', reason: `${file.what} is nested more than 64 levels deep; flatten it` }],
      });
    }

    const records = path.join(temp.dir, 'deep.json');
    await fs.writeFile(records, `[${deepRecord}]`);
    const out = path.join(temp.dir, 'cli-out');
    const cli = await runCli({
      args: ['render', '--template', 'gentle-reminder', '--records', records, '--out', out],
      env: { KINDLY_DATA_DIR: path.join(temp.dir, 'cli-data') },
      timeoutMs: 60_000,
    });
    expect(cli.stderr).not.toMatch(/call stack/i);
    expect(cli.stderr).toContain('No valid row in the records file: 1 of 1 rejected');
    expect(await fs.readFile(path.join(out, 'rejects.csv'), 'utf8')).toContain(
      'element 1 is nested more than 64 levels deep; flatten it',
    );
  }, 120_000);

  it('answers a wrong signature and an unknown campaign alike, so campaign ids cannot be found by probing', async () => {
    const body = JSON.stringify({ paymentId: 'pi_1', ref: 'whatever', amount: 10 });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'kindly-timestamp': String(timestamp),
      'kindly-signature': signWebhook({ secret: 'a-guess', timestamp, body }),
    };
    const known = await app.inject({ method: 'POST', url: '/hooks/payments/open', headers, payload: body });
    const unknown = await app.inject({
      method: 'POST',
      url: '/hooks/payments/no-such-campaign',
      headers,
      payload: body,
    });
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.payload).toBe(known.payload);
    const unsigned = { 'content-type': 'application/json' };
    const knownUnsigned = await app.inject({
      method: 'POST',
      url: '/hooks/payments/open',
      headers: unsigned,
      payload: body,
    });
    const unknownUnsigned = await app.inject({
      method: 'POST',
      url: '/hooks/payments/no-such-campaign',
      headers: unsigned,
      payload: body,
    });
    expect([knownUnsigned.statusCode, knownUnsigned.payload]).toEqual([
      unknownUnsigned.statusCode,
      unknownUnsigned.payload,
    ]);
  });
});
