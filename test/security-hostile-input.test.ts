import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../server/store/db.ts';
import { listRejects } from '../server/store/rejects.ts';
import { signWebhook } from '../server/tracking/verify-webhook-signature.ts';
import { gentleReminderExamples } from '../templates/gentle-reminder/examples.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { auth, openCampaignApp, problemOf, type CampaignApp } from './helpers/open-campaign-app.ts';
import { runCli } from './helpers/run-cli.ts';
import { makeCampaign } from './helpers/store-backends.ts';

let opened: CampaignApp;
let db: Db;
let app: FastifyInstance;
let debtors: CampaignApp['debtors'];
let temp: CampaignApp['temp'];

beforeAll(async () => {
  opened = await openCampaignApp({ name: 'security-hostile-input' });
  ({ db, app, debtors, temp } = opened);
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

/** JSON text nested 20 000 levels: deep enough that walking it recursively overflows the stack, yet inside the 64 KB body limit. */
const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

describe('hostile input: huge cells, deep JSON, probing webhooks', () => {
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
