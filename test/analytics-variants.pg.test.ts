import { describe, expect, it } from 'vitest';
import { findRecipientTemplateId } from '../server/store/variants.ts';
import { pickVariant } from '../server/store/pick-variant.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { storeBackends } from './helpers/store-backends.ts';
import { auth, phone, useAnalyticsApp } from './helpers/analytics-app.ts';

describe.each(storeBackends)('variants and retention curves on $name', (backend) => {
  const t = useAnalyticsApp(backend);
  const { seed, beacon, analytics } = t;

  it('splits recipients between variants by a hash of campaign and record id, and the render uses the variant template', async () => {
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth,
      payload: {
        id: 'ab-test',
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com/c',
        variants: [
          { id: 'A', template: 'gentle-reminder' },
          { id: 'B', template: 'gentle-reminder', weight: 1 },
        ],
      },
    });
    expect(create.statusCode).toBe(201);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: auth,
      payload: {
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com/c',
        variants: [
          { id: 'A', template: 'gentle-reminder' },
          { id: 'B', template: 'no-such-template' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().value).toBe('"no-such-template"');
    const rows = [
      'id,name,amount,currency,due_date,invoice,locale',
      ...Array.from({ length: 400 }, (_, index) => `R-${index},Name ${index},10,EUR,2027-03-01,INV-${index},it-IT`),
    ].join('\n');
    const form = await makeMultipart({ file: { name: 'records.csv', contents: rows } });
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns/ab-test/records',
      headers: { ...auth, ...form.headers },
      payload: form.payload,
    });
    expect(upload.json()).toMatchObject({ accepted: 400 });
    const { rows: split } = await t.db.query<{ variant: string; count: string | number }>(
      "select variant, count(*) as count from recipients where campaign_id = 'ab-test' group by variant order by variant",
    );
    expect(split.map((row) => row.variant)).toEqual(['A', 'B']);
    for (const row of split) expect(Math.abs(Number(row.count) - 200)).toBeLessThan(40);
    const variants = [
      { id: 'A', template: 'gentle-reminder', weight: 1 },
      { id: 'B', template: 'gentle-reminder', weight: 1 },
    ];
    const stored = await t.db.query<{ record_id: string; variant: string }>(
      "select record_id, variant from recipients where campaign_id = 'ab-test'",
    );
    for (const row of stored.rows)
      expect(row.variant).toBe(pickVariant({ campaignId: 'ab-test', recordId: row.record_id, variants }).id);
    expect(await findRecipientTemplateId({ db: t.db, campaignId: 'ab-test', recordId: 'R-1', fallback: 'other' })).toBe(
      'gentle-reminder',
    );
    await t.db.query("update campaigns set variants = $1::jsonb where id = 'ab-test'", [
      JSON.stringify([variants[0], { ...variants[1], template: 'spring-tone' }]),
    ]);
    const inB = stored.rows.find((row) => row.variant === 'B')!.record_id;
    const inA = stored.rows.find((row) => row.variant === 'A')!.record_id;
    expect(
      await findRecipientTemplateId({ db: t.db, campaignId: 'ab-test', recordId: inB, fallback: 'gentle-reminder' }),
    ).toBe('spring-tone');
    expect(
      await findRecipientTemplateId({ db: t.db, campaignId: 'ab-test', recordId: inA, fallback: 'gentle-reminder' }),
    ).toBe('gentle-reminder');
  });

  it('draws the retention curve from the seconds actually watched', async () => {
    const [viewer, skipper] = await seed('retention');
    const bitmap = (seconds: number[]) => {
      const bytes = new Uint8Array(2);
      for (const second of seconds) bytes[second >> 3]! |= 1 << (second & 7);
      return Buffer.from(bytes).toString('base64');
    };
    await beacon(viewer!.token, 'watched', phone, { seconds: bitmap([0, 1, 2, 3, 4]), duration: 15 });
    await beacon(viewer!.token, 'watched', phone, { seconds: bitmap([3, 4, 5, 6, 7, 8]), duration: 15 });
    await beacon(skipper!.token, 'watched', phone, { seconds: bitmap([0, 1, 14]), duration: 15 });
    const result = await analytics('retention');
    expect(result.retention).toEqual({ viewers: 2, seconds: [2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1] });
    const large = await beacon(viewer!.token, 'watched', phone, { seconds: 'x'.repeat(3000) });
    expect(large.statusCode).toBe(400);
    expect(large.json().error).toBe('The event detail is too large');
  });
});
