import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { apiKey, auth, openCampaignApp, problemOf, type CampaignApp } from './helpers/open-campaign-app.ts';

let opened: CampaignApp;
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  opened = await openCampaignApp({ name: 'security-key-throttling' });
  ({ db, app } = opened);
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

describe('hostile callers guessing API keys', () => {
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
});
