import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { findRecipientByToken } from '../server/store/recipients.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { apiKey, openCampaignApp, problemOf, type CampaignApp } from './helpers/open-campaign-app.ts';

let opened: CampaignApp;
let db: Db;
let app: FastifyInstance;
let debtors: CampaignApp['debtors'];

beforeAll(async () => {
  opened = await openCampaignApp({ name: 'security-page-routes' });
  ({ db, app, debtors } = opened);
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

describe("hostile pages around a debtor's own pages", () => {
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
});
