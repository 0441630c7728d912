import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { statsCommand } from '../server/cli/stats-command.ts';
import type { Db } from '../server/store/db.ts';
import { listEvents } from '../server/store/events.ts';
import { listResponses } from '../server/store/responses.ts';
import { assignVariants, setCampaignAnalytics } from '../server/store/variants.ts';
import { friendlyFinalNotice } from '../templates/friendly-final-notice/definition.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { storeBackends } from './helpers/store-backends.ts';

const apiKey = 'survey-key-0123456789abc';
const auth = { authorization: `Bearer ${apiKey}` };

// Survey answers go in through the route the page's script posts to (JSON as text/plain), and come
// out in the analytics the dashboard reads; money comes out per currency in analytics and stats.
describe.each(storeBackends)('survey answers and money totals on $name', (backend) => {
  let db: Db;
  let tearDown: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ db, tearDown } = await backend.setUp());
    app = await buildApp({ db, apiKey, trackingRateLimit: 100_000 });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tearDown?.();
  });

  const answer = (token: string, score: number, comment?: string) =>
    app.inject({
      method: 'POST',
      url: `/t/s/${token}`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify({ score, comment, shownAfter: 'end' }),
    });
  const analytics = async (id: string) =>
    (await app.inject({ method: 'GET', url: `/api/campaigns/${id}/analytics`, headers: auth })).json();

  it('an answer on the 0–10 scale reaches the analytics at once, with the Net Promoter Score; a second answer replaces the first', async () => {
    const recipients = await seedCampaign({
      db,
      id: 'nps',
      payUrl: 'https://pay.example.com/c',
      baseUrl: 'https://v.example.com',
      template: friendlyFinalNotice,
    });
    expect((await analytics('nps')).survey).toEqual({
      scale: null,
      responses: 0,
      average: null,
      scores: {},
      nps: null,
    });

    const first = await answer(recipients[0]!.token, 10, 'Clear and kind');
    expect(first.statusCode).toBe(201);
    expect((await analytics('nps')).survey).toEqual({
      scale: '0-10',
      responses: 1,
      average: 10,
      scores: { 10: 1 },
      nps: { score: 100, promoters: 1, passives: 0, detractors: 0 },
    });

    for (const [index, score] of [
      [1, 9],
      [2, 6],
      [3, 2],
      [3, 7],
    ] as const)
      expect((await answer(recipients[index]!.token, score)).statusCode).toBe(201);
    const refused = await answer(recipients[1]!.token, 11);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toContain('score must be from 0 to 10');

    // Four respondents (the fourth changed their mind from 2 to 7): promoters 10 and 9, passive 7, detractor 6.
    expect((await analytics('nps')).survey).toEqual({
      scale: '0-10',
      responses: 4,
      average: 8,
      scores: { 6: 1, 7: 1, 9: 1, 10: 1 },
      nps: { score: 25, promoters: 2, passives: 1, detractors: 1 },
    });
    expect(await listResponses({ db, campaignId: 'nps', kind: 'survey', limit: 10 })).toHaveLength(5);
    expect(await listEvents({ db, campaignId: 'nps', recordId: recipients[3]!.recordId })).toEqual([
      'survey',
      'survey',
    ]);
  });

  it('each A/B variant is asked on its own template’s scale and summarised on its own; money is owed and recovered per currency', async () => {
    const recipients = await seedCampaign({
      db,
      id: 'votes',
      payUrl: 'https://pay.example.com/c',
      baseUrl: 'https://v.example.com',
    });
    await setCampaignAnalytics({
      db,
      id: 'votes',
      retentionDays: 90,
      variants: [
        { id: 'warm', template: 'gentle-reminder', weight: 1 },
        { id: 'brief', template: 'friendly-final-notice', weight: 1 },
      ],
    });
    await assignVariants({ db, campaignId: 'votes', recordIds: recipients.map((recipient) => recipient.recordId) });
    const { rows } = await db.query<{ record_id: string; variant: string }>(
      "select record_id, variant from recipients where campaign_id = 'votes' order by seq",
    );
    // The hash of campaign and record id puts CUST-1002, -1005, -1006 in warm (1–5) and the others in brief (0–10).
    expect(rows.filter((row) => row.variant === 'warm').map((row) => row.record_id)).toEqual([
      'CUST-1002',
      'CUST-1005',
      'CUST-1006',
    ]);

    for (const [index, score] of [
      [0, 10],
      [2, 3],
      [3, 9],
      [1, 4],
      [5, 5],
    ] as const)
      expect((await answer(recipients[index]!.token, score)).statusCode).toBe(201);
    const outOfScale = await answer(recipients[4]!.token, 9);
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.json().error).toContain('score must be from 1 to 5');

    const payments = `id,amount,date\n${recipients[0]!.recordId},1234.50,2027-03-01\n${recipients[1]!.recordId},89.90,2027-03-02`;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/campaigns/votes/payments',
          headers: { ...auth, 'content-type': 'text/csv' },
          payload: payments,
        })
      ).statusCode,
    ).toBe(201);

    const result = await analytics('votes');
    expect(result.survey).toEqual({ scale: 'mixed', responses: 5, average: null, scores: {}, nps: null });
    const [warm, brief] = result.variants;
    expect(warm.survey).toEqual({ scale: '1-5', responses: 2, average: 4.5, scores: { 4: 1, 5: 1 }, nps: null });
    expect(brief.survey).toEqual({
      scale: '0-10',
      responses: 3,
      average: 7.33,
      scores: { 3: 1, 9: 1, 10: 1 },
      nps: { score: 33, promoters: 2, passives: 0, detractors: 1 },
    });

    const briefTotal = (currency: string) =>
      brief.amounts.find((total: { currency: string }) => total.currency === currency);
    expect(brief.amounts.map((total: { currency: string }) => total.currency)).toEqual(['EUR', 'TWD']);
    expect(briefTotal('EUR')).toMatchObject({
      owed: 1_001_484.5,
      paid: 1234.5,
      owedText: '€1,001,484.50',
      paidText: '€1,234.50',
    });
    expect(briefTotal('TWD')).toMatchObject({ owed: 12_500, paid: 0, owedText: 'NT$12,500', paidText: 'NT$0' });
    expect(
      warm.amounts.map(
        (total: { currency: string; paidText: string; owedText: string }) => `${total.paidText} of ${total.owedText}`,
      ),
    ).toEqual(['CHF\u00a00.00 of CHF\u00a075.00', '€0.00 of €1,480.00', '£89.90 of £89.90']);
    expect(result.amounts.map((total: { currency: string }) => total.currency)).toEqual(['CHF', 'EUR', 'GBP', 'TWD']);

    // The stats command prints one recovered line per currency, formatted as the dashboard shows them.
    const lines: string[] = [];
    const stats = await statsCommand({
      store: { kind: 'store', db },
      campaignId: 'votes',
      json: false,
      log: (line) => lines.push(line),
    });
    expect(stats.amounts).toEqual(result.amounts);
    const printed = lines
      .join('\n')
      .split('\n')
      .filter((line) => line.includes('recovered'));
    expect(printed.map((line) => line.trim().replace(/\s{2,}/g, ' | '))).toEqual([
      'recovered CHF | CHF\u00a00.00 of CHF\u00a075.00 (0.0 %)',
      'recovered EUR | €1,234.50 of €1,002,964.50 (0.1 %)',
      'recovered GBP | £89.90 of £89.90 (100.0 %)',
      'recovered TWD | NT$0 of NT$12,500 (0.0 %)',
    ]);
  });
});
