import { describe, expect, it } from 'vitest';
import { signWebhook } from '../server/tracking/verify-webhook-signature.ts';
import { storeBackends } from './helpers/store-backends.ts';
import { auth, issued, useAnalyticsApp } from './helpers/analytics-app.ts';

describe.each(storeBackends)('payments on $name', (backend) => {
  const t = useAnalyticsApp(backend);
  const { seed, beacon, analytics } = t;

  it('takes payments by signed webhook: a bad signature, an old timestamp and a replay are refused', async () => {
    const [recipient] = await seed('hook');
    const secret = 'hook-secret-0123456789';
    await t.db.query("update campaigns set webhook_secret = $1 where id = 'hook'", [secret]);
    const send = (body: object, options: { timestamp?: number; secret?: string } = {}) => {
      const text = JSON.stringify(body);
      const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
      const signature = signWebhook({ secret: options.secret ?? secret, timestamp, body: text });
      return t.app.inject({
        method: 'POST',
        url: '/hooks/payments/hook',
        headers: {
          'content-type': 'application/json',
          'kindly-timestamp': String(timestamp),
          'kindly-signature': signature,
        },
        payload: text,
      });
    };
    const payment = { paymentId: 'pi_1', ref: recipient!.payRef, amount: 1234.5, currency: 'EUR' };
    const forged = await send(payment, { secret: 'another-secret-0123456' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error).toBe('The webhook signature does not match');
    const old = await send(payment, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(old.statusCode).toBe(401);
    expect(old.json().error).toMatch(/more than 300 seconds/);
    const tampered = await t.app.inject({
      method: 'POST',
      url: '/hooks/payments/hook',
      headers: {
        'content-type': 'application/json',
        'kindly-timestamp': String(Math.floor(Date.now() / 1000)),
        'kindly-signature': signWebhook({
          secret,
          timestamp: Math.floor(Date.now() / 1000),
          body: JSON.stringify(payment),
        }),
      },
      payload: JSON.stringify({ ...payment, amount: 1 }),
    });
    expect(tampered.statusCode).toBe(401);
    expect((await analytics('hook')).funnel.paid).toBe(0);

    expect((await send(payment)).statusCode).toBe(201);
    const replay = await send(payment);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error).toBe('This payment id was already recorded; nothing changed');
    const unknownRef = await send({ ...payment, paymentId: 'pi_2', ref: 'nope' });
    expect(unknownRef.statusCode).toBe(404);
    expect((await analytics('hook')).funnel).toMatchObject({ paid: 1, recoveryRate: 1 / issued });
    expect(
      (await analytics('hook')).amounts.find((total: { currency: string }) => total.currency === 'EUR'),
    ).toMatchObject({ paid: 1234.5, paidText: '€1,234.50' });
  });

  it('imports payments from a CSV once each, names bad rows, and shows conversions in the funnel and its CSV', async () => {
    const recipients = await seed('import');
    const csv = [
      'id;amount;date',
      `${recipients[1]!.recordId};89,90;2027-03-01`,
      `${recipients[2]!.recordId};500;15/03/2027`,
      'GHOST;10;2027-03-01',
      `${recipients[3]!.recordId};abc;2027-03-01`,
      `${recipients[4]!.recordId};10;31/02/2027`,
    ].join('\n');
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/campaigns/import/payments',
        headers: { ...auth, 'content-type': 'text/csv' },
        payload: csv,
      });
    const first = await post();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      imported: 2,
      duplicates: 0,
      rejected: 3,
      rejects: [
        { row: 4, field: 'id', value: 'GHOST', reason: 'no recipient of this campaign has this id' },
        { row: 5, field: 'amount', value: 'abc', reason: 'not a positive amount; write it as 120.50 or 120,50' },
        { row: 6, field: 'date', value: '31/02/2027', reason: 'not a date; write it as 2027-03-15 or 15/03/2027' },
      ],
    });
    expect((await post()).json()).toMatchObject({ imported: 0, duplicates: 2 });
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns/import/payments',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: 'id,total\nX,1',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('The payments file lacks the column(s) amount, date');

    await beacon(recipients[1]!.token, 'view');
    const result = await analytics('import');
    expect(result.funnel).toMatchObject({ issued, viewed: 1, paid: 2, recoveryRate: 2 / issued });
    // Paid 89.90 GBP and 500 EUR: summed per currency, never across (the examples owe EUR, GBP, CHF and TWD).
    expect(result.amounts).toEqual([
      { currency: 'CHF', owed: 75, paid: 0, recoveryRate: 0, owedText: 'CHF\u00a075.00', paidText: 'CHF\u00a00.00' },
      {
        currency: 'EUR',
        owed: 1_002_964.5,
        paid: 500,
        recoveryRate: 500 / 1_002_964.5,
        owedText: '€1,002,964.50',
        paidText: '€500.00',
      },
      { currency: 'GBP', owed: 89.9, paid: 89.9, recoveryRate: 1, owedText: '£89.90', paidText: '£89.90' },
      { currency: 'TWD', owed: 12_500, paid: 0, recoveryRate: 0, owedText: 'NT$12,500', paidText: 'NT$0' },
    ]);
    const funnelCsv = await t.app.inject({ method: 'GET', url: '/api/campaigns/import/funnel.csv', headers: auth });
    const money = ['CHF', 'EUR', 'GBP', 'TWD'].flatMap((currency) => [
      `owedAmount_${currency}`,
      `paidAmount_${currency}`,
      `amountRecoveryRate_${currency}`,
    ]);
    expect(funnelCsv.body.split('\n')[0]).toBe(
      [
        'variant,issued,opened,viewed,gatePassed,played,reached50,completed,clicked,planChosen,optedOut,paid,recoveryRate',
        ...money,
      ].join(','),
    );
    expect(funnelCsv.body.split('\n')[1]).toBe(
      `all,${issued},0,1,0,0,0,0,0,0,0,2,${2 / issued},75,0,0,1002964.5,500,${500 / 1_002_964.5},89.9,89.9,1,12500,0,0`,
    );
    const outcomes = (
      await t.app.inject({ method: 'GET', url: '/api/campaigns/import/outcomes.csv', headers: auth })
    ).body
      .trim()
      .split('\n');
    expect(outcomes).toHaveLength(issued + 1);
    expect(outcomes[0]).toContain('paid_amount,currency,flagged_events');
    expect(outcomes[2]).toBe(`${recipients[1]!.recordId},,published,0,no,yes,no,no,no,no,no,no,no,89.9,GBP,0`);
  });
});
