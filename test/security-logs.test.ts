import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { describeFailure } from '../server/jobs/describe-failure.ts';
import { makeRenderMetrics } from '../server/jobs/render-metrics.ts';
import type { Db } from '../server/store/db.ts';
import { ensureGateShare } from '../server/store/gate.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'test-key-0123456789abcdef';
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let logFile: string;
let destination: ReturnType<typeof pino.destination>;
/** A personal link's token on an open page, and one behind a privacy gate. */
let open: string;
let gated: string;
/** The open page's payment reference: secret too, since the demo checkout looks a debtor up by it. */
let payRef: string;
/** Every answer the app gave, as text: status, headers and body. */
const answers: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  temp = await makeTempDir('security-logs');
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'db') });
  ({ token: open, payRef } = (
    await seedCampaign({
      db,
      id: 'open',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: 'https://pages.example.com',
    })
  )[0]!);
  const gatedRecipients = await seedCampaign({
    db,
    id: 'gated',
    payUrl: 'https://pay.example.com/checkout',
    baseUrl: 'https://pages.example.com',
  });
  gated = gatedRecipients[0]!.token;
  await db.query(`update campaigns set privacy_gate = '{"field":"postcode"}'::jsonb where id = 'gated'`);
  await db.query(`update recipients set data = data || '{"postcode":"SW1A 1AA"}'::jsonb where campaign_id = 'gated'`);
  await ensureGateShare({ db, token: gated });
  const siteDir = path.join(temp.dir, 'site');
  await fs.mkdir(path.join(siteDir, 'r', open), { recursive: true });
  await fs.writeFile(path.join(siteDir, 'r', open, 'index.html'), '<!doctype html><title>Page</title>');
  await fs.writeFile(path.join(siteDir, 'r', open, 'captions.vtt'), 'WEBVTT\n');
  logFile = path.join(temp.dir, 'app.log');
  destination = pino.destination({ dest: logFile, sync: true });
  app = await buildApp({
    db,
    siteDir,
    apiKey,
    logLevel: 'trace',
    logDestination: destination,
    metricsRegistry: makeRenderMetrics().registry,
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await temp?.remove();
});

const send = async (method: 'GET' | 'POST' | 'HEAD', url: string, body?: unknown) => {
  requests.push(`${method} ${url}`);
  const response = await app.inject({
    method,
    url,
    ...(body === undefined ? {} : { headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(body) }),
  });
  // A trailing-slash redirect names the asker's own path back to them; every other header and body is kept.
  const { location: _location, ...headers } = response.headers;
  answers.push(`${response.statusCode} ${JSON.stringify(headers)} ${response.body}`);
  return response;
};

describe('tokens in logs, errors and metrics', () => {
  it('no public route, odd path, 404 or failing request writes a personal link token to the log, an error body or the metrics', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const statuses: Record<string, number> = {};
    const drive = async (method: 'GET' | 'POST' | 'HEAD', url: string, body?: unknown) => {
      const status = (await send(method, url, body)).statusCode;
      statuses[`${method} ${url.replaceAll(open, 'OPEN').replaceAll(gated, 'GATED')}`] ??= status;
      return status;
    };
    await drive('GET', `/r/${open}/`);
    await drive('HEAD', `/r/${open}/index.html`);
    await drive('GET', `/r/${open}/captions.vtt?t=${open}`);
    await drive('GET', `/r/${open}/video.mp4`);
    await drive('GET', `/r//${open}/`);
    await drive('GET', `/r/${open}`);
    await drive('GET', `/r%2F${open}/`);
    await drive('POST', `/r/${open}/`);
    await drive('POST', '/t/e', { token: open, type: 'view' });
    await drive('POST', '/t/e', { token: open, type: 'no-such-event' });
    await drive('POST', '/t/e', { token: `${open}x`, type: 'view' });
    await drive('GET', `/t/p/${open}/pixel.gif`);
    await drive('GET', `/t/c/${open}/pay?ref=${open}`);
    await drive('GET', `/t/c/${open}/plan?plan=7`);
    await drive('GET', `/t/c/${open}/elsewhere`);
    await drive('GET', `/t/c/${open}x/pay`);
    await drive('GET', `/demo/pay?intent=pay&ref=${payRef}`);
    await drive('GET', `/t/o/${open}`);
    await drive('POST', `/t/f/${open}/paid`, { paidOn: today, reference: 'BONIFICO 1' });
    await drive('POST', `/t/f/${open}/callback`, { phone: 'not a phone' });
    await drive('POST', `/t/f/${open}/refund`, {});
    await drive('POST', `/t/f/${open}x/paid`, { paidOn: today });
    await drive('POST', `/t/s/${open}`, { score: 4, shownAfter: 'end', comment: `my link is /r/${open}/` });
    await drive('POST', `/t/s/${open}`, { score: 99 });
    await drive('POST', `/t/g/${gated}`, { answer: 'SW1A 1AA' });
    await drive('POST', `/t/g/${gated}`, { answer: 'wrong' });
    await drive('POST', `/t/g/${open}`, { answer: 'x' });
    await drive('GET', `/t/g/${gated}`);
    await drive('GET', `/t/x/${open}`);
    await drive('GET', `/nothing/here/${open}.txt`);
    await drive('GET', `/api/campaigns/${open}`);
    // A request that fails inside: the responses table is gone, the form's answer cannot be stored.
    await db.query('alter table responses rename to responses_away');
    const failed = await drive('POST', `/t/f/${open}/paid`, { paidOn: today });
    await db.query('alter table responses_away rename to responses');
    await drive('POST', `/t/o/${open}`);
    await drive('GET', '/metrics');

    // The routes answered as they do for anyone: the drive reached each handler.
    expect(statuses).toMatchObject({
      'GET /r/OPEN/': 200,
      'GET /r/OPEN/video.mp4': 404,
      'POST /t/e': 204,
      'GET /t/c/OPEN/pay?ref=OPEN': 302,
      'GET /t/o/OPEN': 200,
      'POST /t/f/OPEN/paid': 201,
      'POST /t/f/OPEN/callback': 400,
      'POST /t/s/OPEN': 201,
      'POST /t/g/GATED': 200,
      'GET /t/x/OPEN': 404,
      'POST /t/o/OPEN': 200,
      'GET /metrics': 200,
    });
    expect(failed).toBe(500);
    destination.flushSync();
    const log = await fs.readFile(logFile, 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; req?: { url: string } });
    // Every request was logged, by its route pattern where one matched.
    expect(lines.filter((line) => line.msg === 'incoming request')).toHaveLength(requests.length);
    const urls = new Set(lines.flatMap((line) => (line.req ? [line.req.url] : [])));
    for (const url of [
      '/t/f/:token/:kind',
      '/t/g/:token',
      '/t/s/:token',
      '/t/c/:token/:target',
      '/t/p/:token/pixel.gif',
      '/t/o/:token',
      '/t/e',
      '/r//:token/',
      '/r/:token/video.mp4',
    ])
      expect(urls).toContain(url);
    expect(lines.some((line) => line.msg === 'request failed')).toBe(true);
    expect(log).not.toContain(payRef);
    for (const token of [open, gated]) {
      expect(log).not.toContain(token);
      expect(answers.join('\n')).not.toContain(token.slice(0, 12));
    }
  });

  it('keeps tokens out of stored failures and messages that are not requests', async () => {
    const missing = await fs.readFile(path.join(temp.dir, 'work', open, 'video.mp4')).catch((error: unknown) => error);
    const failure = describeFailure(missing);
    expect(failure.error).toContain('ENOENT');
    expect(failure.error).toContain('/work/:token/video.mp4');
    expect(failure.error).not.toContain(open);
    for (const text of [
      `GET /r//${open}/ failed`,
      `/t/f/${open}/paid`,
      `/t/g/${gated}`,
      `/t/s/${open}`,
      `https://pages.example.com/r/${open}/?ref=${gated}`,
    ]) {
      expect(describeFailure(new Error(text)).error).not.toMatch(new RegExp(`${open}|${gated}`));
    }
  });
});
