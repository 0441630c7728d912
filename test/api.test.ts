import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { redactTokens as redactUrl } from '../server/redact-tokens.ts';
import type { Db } from '../server/store/db.ts';
import { getCampaign } from '../server/store/campaigns.ts';
import { listEvents } from '../server/store/events.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { getPlanRules } from '../templates/interactive/get-plan-rules.ts';
import { findTemplate } from '../templates/registry.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';

const apiKey = 'test-key-0123456789abcdef';
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let recipients: Awaited<ReturnType<typeof seedCampaign>>;

beforeAll(async () => {
  temp = await makeTempDir('api');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  recipients = await seedCampaign({
    db,
    id: 'c1',
    payUrl: 'https://pay.example.com/checkout?campaign=spring',
    baseUrl: 'http://127.0.0.1:8080',
  });
  const siteDir = path.join(temp.dir, 'site');
  const token = recipients[0]!.token;
  await fs.mkdir(path.join(siteDir, 'r', token), { recursive: true });
  await fs.writeFile(path.join(siteDir, 'r', token, 'index.html'), '<!doctype html><title>x</title>');
  await fs.writeFile(path.join(temp.dir, 'links.csv'), 'secret');
  app = await buildApp({ db, siteDir, apiKey });
});

afterAll(async () => {
  await app.close();
  await db.close();
  await temp.remove();
});

describe('tracking', () => {
  it('stores a page event sent as a text/plain beacon', async () => {
    const token = recipients[0]!.token;
    const response = await app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ token, type: 'view' }),
    });
    expect(response.statusCode).toBe(204);
    expect(await listEvents({ db, campaignId: 'c1', recordId: recipients[0]!.recordId })).toEqual(['view']);
  });

  it('refuses an unknown event type and an unknown link with clear messages', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/t/e',
      payload: { token: recipients[0]!.token, type: 'click_pay' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/^type is not valid/);
    const unknown = await app.inject({ method: 'POST', url: '/t/e', payload: { token: 'A'.repeat(22), type: 'view' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('This personal link is not known');
  });

  it('redirects a CTA click to the campaign pay URL only, with the opaque reference and the choice', async () => {
    const recipient = recipients[1]!;
    const response = await app.inject({
      method: 'GET',
      url: `/t/c/${recipient.token}/plan?next=https://evil.example.net/`,
    });
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(location.origin + location.pathname).toBe('https://pay.example.com/checkout');
    expect(location.searchParams.get('campaign')).toBe('spring');
    expect(location.searchParams.get('ref')).toBe(recipient.payRef);
    expect(location.searchParams.get('intent')).toBe('plan');
    expect(response.headers.location).not.toContain(recipient.recordId);
    expect(await listEvents({ db, campaignId: 'c1', recordId: recipient.recordId })).toEqual(['click_plan']);
  });

  it('refuses click targets other than pay and plan', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/t/c/${recipients[1]!.token}/https:%2F%2Fevil.example.net`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });

  it('rate-limits tracking per address', async () => {
    const limited = await buildApp({ db, apiKey, trackingRateLimit: 3 });
    const token = recipients[2]!.token;
    const codes = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      codes.push(
        (
          await limited.inject({
            method: 'POST',
            url: '/t/e',
            headers: { 'content-type': 'text/plain' },
            payload: JSON.stringify({ token, type: 'play' }),
          })
        ).statusCode,
      );
    }
    await limited.close();
    expect(codes).toEqual([204, 204, 204, 429]);
  });

  it('opts out only on POST, in the recipient language', async () => {
    const recipient = recipients[1]!; // en-GB
    const page = await app.inject({ method: 'GET', url: `/t/o/${recipient.token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stop receiving these messages?');
    expect(await listEvents({ db, campaignId: 'c1', recordId: recipient.recordId })).not.toContain('opt_out');
    const done = await app.inject({
      method: 'POST',
      url: `/t/o/${recipient.token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('You will receive no more messages');
    const { rows } = await db.query<{ opted_out_at: Date | null }>(
      'select opted_out_at from recipients where token = $1',
      [recipient.token],
    );
    expect(rows[0]?.opted_out_at).not.toBeNull();
  });
});

describe('admin API', () => {
  it('needs the API key', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/campaigns/c1/stats' });
    expect(none.statusCode).toBe(401);
    expect(none.json().fix).toContain('Authorization: Bearer');
    const wrong = await app.inject({
      method: 'GET',
      url: '/api/campaigns/c1/stats',
      headers: { authorization: 'Bearer nope-nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('returns the funnel counts', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/campaigns/c1/stats',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.statusCode).toBe(200);
    const stats = response.json();
    expect(stats.counts).toMatchObject({ read: 7, accepted: 7, rejected: 0, published: 7, failed: 0 });
    expect(stats.funnel).toMatchObject({ issued: 7, viewed: 1, clickedPlan: 1, clickedPay: 0, optedOut: 1 });
  });

  it('says which campaign is unknown', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/campaigns/nope/stats',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'No campaign has this id', value: '"nope"' });
  });

  it("gives a new campaign its template's own plan rules, each one the body names replacing the template's", async () => {
    const template = findTemplate('instalment-offer')!;
    const builtIn = template.planRules;
    template.planRules = { months: [12, 6], minimumInstalment: 40, firstPaymentInDays: 7 };
    try {
      const create = (payload: Record<string, unknown>) =>
        app.inject({
          method: 'POST',
          url: '/api/campaigns',
          headers: { authorization: `Bearer ${apiKey}` },
          payload: { template: template.id, payUrl: 'https://pay.example.com/c', ...payload },
        });
      const own = await create({ id: 'own-plan-rules' });
      expect(own.statusCode).toBe(201);
      // The campaign keeps only what it overrides, so each recipient's template (variants too) supplies the rest.
      expect(own.json().planRules).toEqual({});
      const stored = await getCampaign({ db, id: 'own-plan-rules' });
      expect(getPlanRules({ template, campaignRules: stored.planRules })).toEqual({
        months: [6, 12],
        minimumInstalment: 40,
        firstPaymentInDays: 7,
      });
      const overridden = await create({ id: 'fewer-plan-months', planRules: { months: [3], firstPaymentInDays: 30 } });
      expect(overridden.json().planRules).toEqual({ months: [3], firstPaymentInDays: 30 });
      const storedOverride = await getCampaign({ db, id: 'fewer-plan-months' });
      expect(getPlanRules({ template, campaignRules: storedOverride.planRules })).toEqual({
        months: [3],
        minimumInstalment: 40,
        firstPaymentInDays: 30,
      });
      const refused = await create({ id: 'one-month-plan', planRules: { months: [1] } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatch(/^planRules\.months\.0 is not valid/);
    } finally {
      template.planRules = builtIn;
    }
  });
});

describe('the local CDN', () => {
  it('serves a page with privacy headers', async () => {
    const response = await app.inject({ method: 'GET', url: `/r/${recipients[0]!.token}/` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-robots-tag']).toContain('noindex');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['cache-control']).toBe('private, no-cache');
  });

  it('never serves the operator files kept beside the site', async () => {
    expect((await app.inject({ method: 'GET', url: '/../links.csv' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/r/' })).statusCode).toBe(404);
  });

  it('keeps tokens out of logged URLs', () => {
    expect(redactUrl(`/r/${recipients[0]!.token}/video.mp4`)).toBe('/r/:token/video.mp4');
    expect(redactUrl(`/t/c/${recipients[0]!.token}/pay`)).toBe('/t/c/:token/pay');
  });
});
