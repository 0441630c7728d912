import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const base = 'http://127.0.0.1:8080';
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let recipients: Awaited<ReturnType<typeof seedCampaign>>;

beforeAll(async () => {
  temp = await makeTempDir('demo-checkout');
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  recipients = await seedCampaign({ db, id: 'demo', payUrl: `${base}/demo/pay`, baseUrl: base });
  app = await buildApp({ db, apiKey: 'demo-checkout-key' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await temp?.remove();
});

/** The demo checkout as the pay redirect leads to it: the opaque reference and the choice only. */
const checkout = async (query: string) => {
  const response = await app.inject({ method: 'GET', url: `/demo/pay?${query}` });
  expect(response.statusCode).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  return response.body;
};
const byRecord = (id: string) => recipients.find((recipient) => recipient.recordId === id)!;

describe('the demo checkout', () => {
  it("speaks the page's language, shows the amount to pay and leads back to the page", async () => {
    const maria = byRecord('CUST-1001');
    const html = await checkout(`ref=${maria.payRef}&intent=pay`);
    expect(html).toContain('<html lang="it-IT">');
    expect(html).toContain('<title>Pagamento di prova</title>');
    expect(html).toContain('<dt>Importo</dt><dd class="amount">1234,50\u00a0€</dd>');
    expect(html).toContain(
      `<a class="button primary" href="${base}/r/${maria.token}/" rel="noreferrer">Torna al tuo messaggio</a>`,
    );
    expect(html).toContain('<link rel="icon" href="/favicon.ico"/>');

    const lin = byRecord('CUST-1007');
    const chinese = await checkout(`ref=${lin.payRef}&intent=pay`);
    expect(chinese).toContain('<html lang="zh-TW">');
    expect(chinese).toContain('返回您的訊息');
  });

  it('shows the plan chosen, recomputed from the reference (the URL carries no amount)', async () => {
    const niccolo = byRecord('CUST-1003');
    const html = await checkout(`ref=${niccolo.payRef}&intent=plan&plan=12&first_payment=2027-01-01`);
    expect(html).toContain('data-plan="12"');
    expect(html).toContain('Il piano scelto');
    expect(html).toContain('12 rate mensili da 83.333,34\u00a0€');
    expect(html).toMatch(/Prima rata il \d{1,2} \w+ \d{4}/);
    // A plan the rules do not offer shows only the amount.
    expect(await checkout(`ref=${niccolo.payRef}&intent=plan&plan=7`)).not.toContain('Il piano scelto');
  });

  it('shows nothing personal for a campaign that pays elsewhere, or one behind a privacy gate', async () => {
    // A real campaign hands its references to its payment provider: a reference read there opens nothing here.
    const elsewhere = await seedCampaign({ db, id: 'real', payUrl: 'https://pay.example.com/checkout', baseUrl: base });
    const gated = await seedCampaign({ db, id: 'gated', payUrl: `${base}/demo/pay`, baseUrl: base });
    await db.query(`update campaigns set privacy_gate = '{"field":"postcode"}' where id = 'gated'`);
    for (const recipient of [elsewhere[0]!, gated[0]!]) {
      const html = await checkout(`ref=${recipient.payRef}&intent=pay`);
      expect(html).toContain('This payment reference is not known.');
      expect(html).not.toContain('1234,50');
      expect(html).not.toContain(recipient.token);
    }
  });

  it('says so for an unknown reference, with nothing personal', async () => {
    const html = await checkout('ref=not-a-reference&intent=pay');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('This payment reference is not known.');
    expect(html).not.toContain('/r/');
  });
});

describe('the favicon', () => {
  it('is answered at /favicon.ico and linked from the dashboard and the studio page', async () => {
    const response = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    expect(
      response.rawPayload.equals(await fs.readFile(path.join(import.meta.dirname, '../assets/brand/favicon.ico'))),
    ).toBe(true);
    const iconLink = /<link rel="icon" href="\/favicon\.ico"\s*\/?>/;
    expect((await app.inject({ method: 'GET', url: '/admin/' })).body).toMatch(iconLink);
    expect(await fs.readFile(path.join(import.meta.dirname, '../assets/studio/studio.html'), 'utf8')).toMatch(iconLink);
  });
});
