import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { openQueueRunner } from '../server/jobs/open-queue-runner.ts';
import { makeRenderMetrics } from '../server/jobs/render-metrics.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { findRecipient } from '../server/store/recipients.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let runner: ReturnType<typeof openQueueRunner>;
let key: string;
const auth = () => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  temp = await makeTempDir('api-campaigns');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  runner = openQueueRunner({
    db,
    redisUrl: 'redis://127.0.0.1:6379',
    prefix: `kindly-test-${crypto.randomBytes(4).toString('hex')}`,
  });
  const publisher = openLocalPublisher({ root: path.join(temp.dir, 'site') });
  app = await buildApp({
    db,
    runner,
    publisher,
    queue: runner.queue,
    defaultBaseUrl: 'https://v.example.com',
    metricsRegistry: makeRenderMetrics().registry,
  });
  key = (await createApiKey({ db, name: 'test', role: 'admin' })).key;
});

afterAll(async () => {
  await app.close();
  await runner.queue.obliterate({ force: true });
  await runner.close();
  await db.close();
  await temp.remove();
});

describe('admin API', () => {
  it('needs a stored API key on every admin route, the queue board included', async () => {
    for (const url of ['/api/templates', '/api/campaigns', '/admin/queues']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/templates', headers: { authorization: 'Bearer kly_wrong' } }))
        .statusCode,
    ).toBe(401);
    const templates = await app.inject({ method: 'GET', url: '/api/templates', headers: auth() });
    expect(templates.statusCode).toBe(200);
    expect(templates.json().templates[0]).toMatchObject({
      id: 'gentle-reminder',
      requiredFields: ['id', 'name', 'amount', 'due_date', 'invoice'],
    });
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: auth() })).statusCode).toBe(200);
    const browser = await app.inject({ method: 'GET', url: '/admin/queues' });
    expect(browser.headers['www-authenticate']).toContain('Basic');
    const basic = Buffer.from(`ops:${key}`).toString('base64');
    expect(
      (await app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: `Basic ${basic}` } }))
        .statusCode,
    ).toBe(200);
    const unauthenticatedBody = await app.inject({ method: 'POST', url: '/api/campaigns', payload: { template: 1 } });
    expect(unauthenticatedBody.statusCode).toBe(401);
  });

  it('rejects bad campaign bodies naming the field, the value and the fix', async () => {
    const badUrl = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth(),
      payload: { template: 'gentle-reminder', payUrl: 'javascript:alert(1)' },
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({
      error: expect.stringMatching(/^payUrl is not valid: payUrl must be an http\(s\) URL/),
      value: '"javascript:alert(1)"',
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth(),
      payload: { template: 'nope', payUrl: 'https://pay.example.com' },
    });
    expect(unknown.json()).toMatchObject({
      error: 'Unknown template',
      value: '"nope"',
      fix: 'Use one of: gentle-reminder, instalment-offer, friendly-final-notice',
    });
    const dates = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth(),
      payload: {
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com',
        startsAt: '2027-03-01',
        endsAt: '2027-02-01',
      },
    });
    expect(dates.json().error).toBe('endsAt is not valid: endsAt must not be before startsAt');
  });

  it('runs a campaign: create, upload with rejects, start, enqueue once, pause, resume, progress', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth(),
      payload: {
        id: 'spring-2027',
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com/c',
        defaultLocale: 'en-GB',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'spring-2027',
      status: 'draft',
      baseUrl: 'https://v.example.com',
      // No override sent: the template's own plan rules apply to each recipient.
      planRules: {},
    });

    const csv =
      'id;name;amount;due_date;invoice\nA1;Anna;10,50;15/03/2027;F1\nA2;Bo;-3;15/03/2027;F2\nA3;Cy;7;31/02/2027;F3\nA4;Di;99;2027-04-01;F4\n';
    const body = await makeMultipart({ file: { name: 'debtors.csv', contents: csv } });
    const upload = await app.inject({
      method: 'POST',
      url: '/api/campaigns/spring-2027/records',
      headers: { ...auth(), ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({ read: 4, accepted: 2, rejected: 2 });
    // Ready by the time the answer arrives, so a start sent straight after it is taken.
    expect(
      (await app.inject({ method: 'GET', url: '/api/campaigns/spring-2027', headers: auth() })).json().status,
    ).toBe('ready');
    expect(upload.json().rejects).toEqual([
      {
        row: 3,
        field: 'amount',
        value: '-3',
        reason: 'amount must be greater than 0; zero or credit balances have nothing to collect',
      },
      {
        row: 4,
        field: 'due_date',
        value: '31/02/2027',
        reason: 'due_date is not a real calendar date; write it as 2027-03-15 or 15/03/2027',
      },
    ]);
    expect((await findRecipient({ db, campaignId: 'spring-2027', recordId: 'A1' }))?.locale).toBe('en-GB');
    const rejectsCsv = await app.inject({
      method: 'GET',
      url: '/api/campaigns/spring-2027/rejects.csv',
      headers: auth(),
    });
    expect(rejectsCsv.body.split('\n')[0]).toBe('row,field,value,reason');

    const notMultipart = await app.inject({
      method: 'POST',
      url: '/api/campaigns/spring-2027/records',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().fix).toContain('multipart/form-data');

    const start = await app.inject({ method: 'POST', url: '/api/campaigns/spring-2027/start', headers: auth() });
    expect(start.json()).toMatchObject({ enqueued: 2, campaign: { status: 'rendering', run: 1 } });
    // Eager renders wait with a priority, below renders on open.
    expect(await runner.queue.getPrioritizedCount()).toBe(2);
    await runner.startCampaign({ campaign: start.json().campaign });
    expect(await runner.queue.getPrioritizedCount()).toBe(2);
    const again = await app.inject({ method: 'POST', url: '/api/campaigns/spring-2027/start', headers: auth() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('A campaign that is rendering cannot start');

    const pause = await app.inject({ method: 'POST', url: '/api/campaigns/spring-2027/pause', headers: auth() });
    expect(pause.json().campaign.status).toBe('paused');
    expect(await runner.queue.getPrioritizedCount()).toBe(0);
    const resume = await app.inject({ method: 'POST', url: '/api/campaigns/spring-2027/resume', headers: auth() });
    expect(resume.json()).toMatchObject({ enqueued: 2, campaign: { status: 'rendering', run: 2 } });
    const ids = (await runner.queue.getPrioritized()).map((job) => job.id).sort();
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^spring-2027\.\d+\.v1\.0\.0\.r2$/);

    const progress = await app.inject({ method: 'GET', url: '/api/campaigns/spring-2027', headers: auth() });
    expect(progress.json().progress).toMatchObject({
      read: 4,
      accepted: 2,
      rejected: 2,
      queued: 2,
      published: 0,
      percent: 0,
    });
    const links = await app.inject({ method: 'GET', url: '/api/campaigns/spring-2027/links.csv', headers: auth() });
    expect(links.headers['content-type']).toContain('text/csv');
    expect(links.body).toBe('id,url,hold\n');
  });

  it('erases one recipient: files gone, personal data gone, counts kept', async () => {
    const recipient = (await findRecipient({ db, campaignId: 'spring-2027', recordId: 'A1' }))!;
    const dir = path.join(temp.dir, 'site', 'r', recipient.token);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'index.html'), 'page');
    const erase = await app.inject({
      method: 'DELETE',
      url: '/api/campaigns/spring-2027/recipients/A1',
      headers: auth(),
    });
    expect(erase.statusCode).toBe(204);
    await expect(fs.access(dir)).rejects.toThrow();
    expect(await findRecipient({ db, campaignId: 'spring-2027', recordId: 'A1' })).toBeUndefined();
    const { rows } = await db.query<{ data: unknown; record_id: string }>(
      'select data, record_id from recipients where campaign_id = $1 and erased_at is not null',
      ['spring-2027'],
    );
    expect(rows).toEqual([{ data: null, record_id: expect.stringMatching(/^erased-/) }]);
    const stats = await app.inject({ method: 'GET', url: '/api/campaigns/spring-2027/stats', headers: auth() });
    expect(stats.json().counts).toMatchObject({ read: 4, accepted: 2 });
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/campaigns/spring-2027/recipients/A1', headers: auth() }))
        .statusCode,
    ).toBe(404);
  });

  it('serves metrics, OpenAPI docs and health', async () => {
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('kindly_recipients{state="queued"}');
    expect(metrics.body).toMatch(/kindly_queue_jobs\{state="waiting"\} 2/);
    const docs = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(['/api/campaigns', '/api/campaigns/{id}/records', '/api/campaigns/{id}/links.csv']),
    );
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ ok: true });
  });
});
