import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${apiKey}` };
const colors = { primary: '#0b5d1e', onPrimary: '#ffffff', accent: '#8a3c00', background: '#f7f3e8', text: '#1b1b1b' };
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let logo: string;

beforeAll(async () => {
  temp = await makeTempDir('brand-api');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  app = await buildApp({ db, apiKey, defaultBaseUrl: 'https://v.example.com' });
  logo = `data:image/svg+xml;base64,${(await fs.readFile(path.join(import.meta.dirname, 'fixtures/brand/logo.svg'))).toString('base64')}`;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await temp.remove();
});

const create = (payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/api/campaigns',
    headers: auth,
    payload: { payUrl: 'https://pay.example.com/c', ...payload },
  });

describe('campaign API: brand kit and tone', () => {
  it('lists the templates with their tones', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/templates', headers: auth });
    const byId = Object.fromEntries(
      response.json().templates.map((template: { id: string; tones: string[] }) => [template.id, template.tones]),
    );
    expect(byId).toEqual({
      'gentle-reminder': [],
      'instalment-offer': ['empathetic', 'neutral'],
      'friendly-final-notice': ['empathetic', 'neutral'],
    });
  });

  it('stores a campaign brand kit (logo included) and tone, and gives them back', async () => {
    const created = await create({
      id: 'lumen-offer',
      template: 'instalment-offer',
      tone: 'neutral',
      brand: { senderName: 'Lumen Gas', payProviderLabel: 'Payments by Nexi', logo, colors },
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = await app.inject({ method: 'GET', url: '/api/campaigns/lumen-offer', headers: auth });
    expect(read.json()).toMatchObject({
      tone: 'neutral',
      brand: { senderName: 'Lumen Gas', payProviderLabel: 'Payments by Nexi', logo, colors, font: 'inter' },
    });
  });

  it('refuses a low-contrast brand kit naming the colours, the ratio and the fix', async () => {
    const response = await create({
      template: 'instalment-offer',
      brand: { senderName: 'Pale', colors: { ...colors, text: '#aaaaaa', background: '#ffffff' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe(
      'brand.colors is not valid: brand colours are hard to read: text on background is #aaaaaa on #ffffff, contrast 2.32:1, below the 4.5:1 WCAG AA needs; darken or lighten colors.text or colors.background until the pair reaches 4.5:1',
    );
  });

  it('refuses a tone the template does not offer', async () => {
    const unknown = await create({ template: 'friendly-final-notice', tone: 'stern' });
    expect(unknown.json()).toMatchObject({
      error: 'Template friendly-final-notice has no tone "stern"',
      fix: 'Use one of: empathetic, neutral',
    });
    const none = await create({ template: 'gentle-reminder', tone: 'neutral' });
    expect(none.json()).toMatchObject({
      error: 'Template gentle-reminder has no tone "neutral"',
      fix: 'Leave the tone out: this template has one voice',
    });
  });

  it("gives records the campaign's tone unless their own tone column says otherwise (A/B variants)", async () => {
    const csv =
      'id,name,amount,due_date,invoice,tone\nA1,Anna,100,2027-03-15,F1,\nA2,Bo,200,2027-03-15,F2,empathetic\nA3,Cy,300,2027-03-15,F3,stern\n';
    const body = await makeMultipart({ file: { name: 'debtors.csv', contents: csv } });
    const upload = await app.inject({
      method: 'POST',
      url: '/api/campaigns/lumen-offer/records',
      headers: { ...auth, ...body.headers },
      payload: body.payload,
    });
    expect(upload.json()).toMatchObject({
      read: 3,
      accepted: 2,
      rejected: 1,
      rejects: [
        {
          row: 4,
          field: 'tone',
          value: 'stern',
          reason: 'tone is not offered by this template; use one of empathetic, neutral',
        },
      ],
    });
    const { rows } = await db.query<{ record_id: string; data: { tone: string } }>(
      "select record_id, data from recipients where campaign_id = 'lumen-offer' order by record_id",
    );
    expect(rows.map((row) => [row.record_id, row.data.tone])).toEqual([
      ['A1', 'neutral'],
      ['A2', 'empathetic'],
    ]);
  });
});
