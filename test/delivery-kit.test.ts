import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { deliveryCopy } from '../server/delivery/delivery-copy.ts';
import {
  isSendable,
  listDeliveryEntries,
  type SendableDeliveryEntry,
} from '../server/delivery/list-delivery-entries.ts';
import { makeEmailSnippet } from '../server/delivery/make-email-snippet.ts';
import { loadConfig } from '../server/config.ts';
import { getCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { openStore } from '../server/store/open-store.ts';
import { markOptedOut } from '../server/store/recipients.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { runCli } from './helpers/run-cli.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'test-key-0123456789abcdef';
const baseUrl = 'https://pay-video.example.com';
const now = new Date('2026-11-23T10:00:00Z');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let recipients: Awaited<ReturnType<typeof seedCampaign>>;
let entries: SendableDeliveryEntry[];

beforeAll(async () => {
  temp = await makeTempDir('delivery');
  db = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: temp.dir }) });
  recipients = await seedCampaign({ db, id: 'spring', payUrl: 'https://pay.example.com/checkout', baseUrl });
  // Oliver lives in New York; Jean-Luc asked not to be contacted again.
  await db.query(
    `update recipients set data = data || '{"timezone":"America/New_York"}'::jsonb where record_id = 'CUST-1002'`,
  );
  await markOptedOut({ db, token: recipients.find((recipient) => recipient.recordId === 'CUST-1005')?.token ?? '' });
  entries = [];
  for await (const entry of listDeliveryEntries({ db, campaign: await getCampaign({ db, id: 'spring' }), now }))
    if (isSendable(entry)) entries.push(entry);
}, 240_000);

afterAll(async () => {
  await db?.close();
  await temp?.remove();
});

describe('the delivery kit of a campaign', () => {
  it('has every published recipient who did not opt out, with personal link, opt-out link and thumbnail', () => {
    expect(entries.map((entry) => entry.id)).toEqual([
      'CUST-1001',
      'CUST-1002',
      'CUST-1003',
      'CUST-1004',
      'CUST-1006',
      'CUST-1007',
    ]);
    for (const entry of entries) {
      const token = recipients.find((recipient) => recipient.recordId === entry.id)?.token;
      expect(entry.url).toBe(`${baseUrl}/r/${token}/`);
      expect(entry.optOutUrl).toBe(`${baseUrl}/t/o/${token}`);
      expect(entry.thumbnailUrl).toBe(`${baseUrl}/r/${token}/thumb.gif`);
    }
    expect(entries.map((entry) => [entry.email, entry.phone])).toEqual([
      ['maria.esposito@example.com', '+393331234567'],
      ['oliver.bennett@example.co.uk', ''],
      ['', '+393477654321'],
      ['meiling.chen@example.com', ''],
      ['amelie.lefevre@example.fr', '+33612345678'],
      ['chihming.lin@example.com.tw', '+886912345678'],
    ]);
  });

  it('carries nothing personal beyond the address and number the channels need', () => {
    for (const entry of entries) {
      const raw = gentleReminder.examples.find((example) => example.id === entry.id) ?? {};
      const record = gentleReminder.schema.parse(raw);
      const content = gentleReminder.getPageContent(record);
      const { email: _email, phone: _phone, ...rest } = entry;
      const text = JSON.stringify(rest);
      for (const value of [
        record.name,
        content.facts.amount,
        String(record.amount),
        record.invoice,
        content.facts.dueDate,
        record.due_date,
      ])
        expect(text).not.toContain(value);
      expect(entry.sms.text).not.toMatch(/\d[.,]\d\d|€|£|CHF/);
    }
  });

  it("has an SMS per locale within one message, and the send window in the recipient's zone", () => {
    expect(
      entries.map((entry) => [
        entry.id,
        entry.sms.charset,
        entry.sms.length <= entry.sms.limit,
        entry.sendWindow.timeZone,
        entry.sendWindow.start,
        entry.sendWindow.end,
      ]),
    ).toEqual([
      ['CUST-1001', 'GSM-7', true, 'Europe/Rome', '2026-11-23T07:00:00.000Z', '2026-11-23T20:00:00.000Z'],
      ['CUST-1002', 'GSM-7', true, 'America/New_York', '2026-11-23T13:00:00.000Z', '2026-11-24T02:00:00.000Z'],
      ['CUST-1003', 'GSM-7', true, 'Europe/Rome', '2026-11-23T07:00:00.000Z', '2026-11-23T20:00:00.000Z'],
      ['CUST-1004', 'GSM-7', true, 'Europe/London', '2026-11-23T08:00:00.000Z', '2026-11-23T21:00:00.000Z'],
      ['CUST-1006', 'GSM-7', true, 'Europe/Paris', '2026-11-23T07:00:00.000Z', '2026-11-23T20:00:00.000Z'],
      // 18:00 in Taipei: today's window is still open. Chinese needs UCS-2 (70 characters).
      ['CUST-1007', 'UCS-2', true, 'Asia/Taipei', '2026-11-23T00:00:00.000Z', '2026-11-23T13:00:00.000Z'],
    ]);
    expect(entries[0]?.sms.text).toBe(
      `Aurora Energia: c'è un messaggio video per te. Guardalo qui: ${entries[0]?.url}`,
    );
  });

  it('has a table-based e-mail snippet with absolute links, the animated thumbnail and an alt text naming no one', () => {
    const html = entries[0]?.emailHtml ?? '';
    expect(html.startsWith('<table role="presentation"')).toBe(true);
    expect(html).toContain(`<a href="${entries[0]?.url}" target="_blank"`);
    expect(html).toContain(
      `<img src="${entries[0]?.thumbnailUrl}" width="480" height="270" alt="Video personale: tocca per guardarlo"`,
    );
    expect(html).toContain(`<a href="${entries[0]?.optOutUrl}"`);
    expect(html).toContain('>Guarda il tuo video</a>');
    for (const link of html.matchAll(/(?:href|src)="([^"]+)"/g)) expect(link[1]).toMatch(/^https:\/\//);
    expect(entries[3]?.emailHtml).toContain('alt="Personal video: tap to watch"');
  });

  it('escapes everything it writes into the HTML', () => {
    const html = makeEmailSnippet({
      url: 'https://x.example/r/a"><script>alert(1)</script>/',
      thumbnailUrl: 'https://x.example/t.gif',
      optOutUrl: 'https://x.example/t/o/a&b',
      copy: { ...deliveryCopy['en-GB']!, watch: '<b>Watch</b> & "see"' },
      width: 480,
      height: 270,
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="https://x.example/r/a&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;/"');
    expect(html).toContain('&#60;b&#62;Watch&#60;/b&#62; &#38; &#34;see&#34;');
    expect(html).toContain('href="https://x.example/t/o/a&#38;b"');
  });
});

describe('exported as CSV and JSON', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ db, siteDir: path.join(temp.dir, 'site'), apiKey });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('from the admin API, behind the key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/campaigns/spring/delivery.csv' })).statusCode).toBe(401);
    const auth = { authorization: `Bearer ${apiKey}` };
    const csv = await app.inject({ method: 'GET', url: '/api/campaigns/spring/delivery.csv', headers: auth });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="spring-delivery.csv"');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual([
      'CUST-1001',
      'CUST-1002',
      'CUST-1003',
      'CUST-1004',
      'CUST-1006',
      'CUST-1007',
    ]);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'email',
      'phone',
      'url',
      'opt_out_url',
      'thumbnail_url',
      'email_html',
      'sms_text',
      'sms_charset',
      'sms_length',
      'sms_limit',
      'time_zone',
      'send_window_start',
      'send_window_end',
      'send_window_local',
      'hold',
    ]);
    expect(rows[0]?.email_html).toBe(entries[0]?.emailHtml);
    expect(rows[1]?.time_zone).toBe('America/New_York');
    expect(rows[1]?.send_window_local).toBe('08:00–21:00');
    const json = await app.inject({ method: 'GET', url: '/api/campaigns/spring/delivery.json', headers: auth });
    expect(json.statusCode).toBe(200);
    const kit = json.json() as { campaign: string; recipients: SendableDeliveryEntry[] };
    expect(kit.campaign).toBe('spring');
    expect(kit.recipients.map((entry) => entry.id)).toEqual([
      'CUST-1001',
      'CUST-1002',
      'CUST-1003',
      'CUST-1004',
      'CUST-1006',
      'CUST-1007',
    ]);
    expect(kit.recipients[2]?.sms).toEqual(entries[2]?.sms);
    const wrong = await app.inject({ method: 'GET', url: '/api/campaigns/spring/delivery.xml', headers: auth });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('delivery.csv or delivery.json');
    expect(
      (await app.inject({ method: 'GET', url: '/api/campaigns/nope/delivery.csv', headers: auth })).statusCode,
    ).toBe(404);
  });

  it('from the command line', async () => {
    await db.close();
    try {
      const out = path.join(temp.dir, 'kit.json');
      const env = { KINDLY_DATA_DIR: temp.dir };
      const result = await runCli({
        args: ['delivery', 'spring', '--format', 'json', '--out', out],
        env,
        timeoutMs: 60_000,
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(
        `Delivery kit of spring: 6 recipient(s) (published, not opted out) written to ${out}`,
      );
      const kit = JSON.parse(await fs.readFile(out, 'utf8')) as { recipients: SendableDeliveryEntry[] };
      expect(kit.recipients.map((entry) => entry.id)).toEqual([
        'CUST-1001',
        'CUST-1002',
        'CUST-1003',
        'CUST-1004',
        'CUST-1006',
        'CUST-1007',
      ]);
      const bad = await runCli({
        args: ['delivery', 'spring', '--format', 'xml', '--out', out],
        env,
        timeoutMs: 60_000,
      });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe('kindly: --format must be csv or json (got "xml"). Use --format csv or --format json\n');
    } finally {
      db = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: temp.dir }) });
    }
  }, 90_000);
});
