import { describe, expect, it } from 'vitest';
import { listEvents } from '../server/store/events.ts';
import { storeBackends } from './helpers/store-backends.ts';
import { auth, issued, phone, useAnalyticsApp } from './helpers/analytics-app.ts';

/** What link previewers, mail security gateways, crawlers and scripts send. */
const automated = [
  'WhatsApp/2.23.20.0 A',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'TelegramBot (like TwitterBot)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
  'Proofpoint URL Defense',
  'Mimecast URL protect',
  'python-requests/2.31.0',
  'curl/8.4.0',
  '',
];

describe.each(storeBackends)('what the tracking counts and what it flags on $name', (backend) => {
  const t = useAnalyticsApp(backend);
  const { seed, beacon, analytics } = t;

  it('counts no view, open or click from scanners, previews, crawlers, scripts or HEAD requests, and keeps them flagged', async () => {
    const [recipient] = await seed('bots');
    for (const userAgent of automated) {
      expect((await beacon(recipient!.token, 'view', userAgent)).statusCode).toBe(204);
      const click = await t.app.inject({
        method: 'GET',
        url: `/t/c/${recipient!.token}/pay`,
        headers: { 'user-agent': userAgent },
      });
      expect(click.statusCode).toBe(302);
    }
    const head = await t.app.inject({
      method: 'HEAD',
      url: `/t/c/${recipient!.token}/plan`,
      headers: { 'user-agent': phone },
    });
    expect(head.statusCode).toBe(302);
    const preview = await t.app.inject({
      method: 'GET',
      url: `/t/p/${recipient!.token}/pixel.gif`,
      headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' },
    });
    expect(preview.statusCode).toBe(200);

    const result = await analytics('bots');
    expect(result.funnel).toMatchObject({ issued, opened: 0, viewed: 0, clicked: 0 });
    expect(result.flagged).toEqual({
      scanner: { view: automated.length, click_pay: automated.length, open: 1 },
      head: { click_plan: 1 },
    });
    const stats = (await t.app.inject({ method: 'GET', url: '/api/campaigns/bots/stats', headers: auth })).json();
    expect(stats.funnel).toMatchObject({ viewed: 0, clickedPay: 0, clickedPlan: 0 });

    // A person on a phone counts.
    await beacon(recipient!.token, 'view');
    await t.app.inject({ method: 'GET', url: `/t/c/${recipient!.token}/pay`, headers: { 'user-agent': phone } });
    expect((await analytics('bots')).funnel).toMatchObject({ viewed: 1, clicked: 1 });
  });

  it('flags a click seconds after delivery without a page view, and counts one after a view', async () => {
    const [first, second] = await seed('delivery');
    const delivered = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns/delivery/deliveries',
      headers: auth,
      payload: { recordIds: [first!.recordId, second!.recordId, 'NOPE'] },
    });
    expect(delivered.json()).toEqual({ updated: 2, unknown: ['NOPE'] });
    await t.app.inject({ method: 'GET', url: `/t/c/${first!.token}/pay`, headers: { 'user-agent': phone } });
    await beacon(second!.token, 'view');
    await t.app.inject({ method: 'GET', url: `/t/c/${second!.token}/pay`, headers: { 'user-agent': phone } });
    const result = await analytics('delivery');
    expect(result.flagged).toEqual({ too_soon: { click_pay: 1 } });
    expect(result.funnel).toMatchObject({ viewed: 1, clicked: 1 });
  });

  it('serves the open pixel as an uncacheable GIF, for known and unknown links alike', async () => {
    const [recipient] = await seed('pixel');
    for (const token of [recipient!.token, 'A'.repeat(22), 'bad']) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/t/p/${token}/pixel.gif`,
        headers: { 'user-agent': 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/gif');
      expect(response.headers['cache-control']).toContain('no-store');
      expect(response.rawPayload.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    }
    expect(await listEvents({ db: t.db, campaignId: 'pixel', recordId: recipient!.recordId })).toEqual(['open']);
    expect((await analytics('pixel')).funnel.opened).toBe(1);
  });

  it('stores no address: visitors are a salted hash, the same for one visitor in a day', async () => {
    const [a, b] = await seed('privacy');
    await beacon(a!.token, 'view');
    await beacon(a!.token, 'play');
    await t.app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain', 'user-agent': phone },
      remoteAddress: '203.0.113.9',
      payload: JSON.stringify({ token: b!.token, type: 'view' }),
    });
    const { rows } = await t.db.query<Record<string, unknown>>(
      "select * from events where campaign_id = 'privacy' order by created_at, id",
    );
    expect(rows.map((row) => row.visitor)).toEqual([
      expect.stringMatching(/^[\w-]{22}$/),
      rows[0]!.visitor,
      expect.not.stringMatching(String(rows[0]!.visitor)),
    ]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('127.0.0.1');
    expect(stored).not.toContain('203.0.113.9');
    const salts = await t.db.query<{ day: string }>('select day::text as day from visitor_salts');
    expect(salts.rows.map((row) => row.day)).toEqual([new Date().toISOString().slice(0, 10)]);
  });
});
