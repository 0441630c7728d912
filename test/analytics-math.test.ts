import { describe, expect, it } from 'vitest';
import { classifyRequest } from '../server/tracking/classify-request.ts';
import { compareProportions, normalCdf } from '../server/tracking/compare-proportions.ts';
import { pickVariant } from '../server/store/pick-variant.ts';
import { readWatchedSeconds } from '../server/tracking/get-retention.ts';
import { verifyWebhookSignature, signWebhook } from '../server/tracking/verify-webhook-signature.ts';

describe('variant split', () => {
  const variants = [
    { id: 'A', template: 'gentle-reminder', weight: 1 },
    { id: 'B', template: 'gentle-reminder', weight: 1 },
    { id: 'C', template: 'gentle-reminder', weight: 2 },
  ];
  const ids = Array.from({ length: 20_000 }, (_, index) => `CUST-${index}`);

  it('is deterministic: the same recipient always gets the same variant, whatever the order', () => {
    const first = ids.map((recordId) => pickVariant({ campaignId: 'spring', recordId, variants }).id);
    const again = [...ids]
      .reverse()
      .map((recordId) => pickVariant({ campaignId: 'spring', recordId, variants }).id)
      .reverse();
    expect(again).toEqual(first);
    // Another campaign shuffles anew.
    const other = ids.map((recordId) => pickVariant({ campaignId: 'autumn', recordId, variants }).id);
    expect(other.filter((id, index) => id !== first[index]).length).toBeGreaterThan(8000);
  });

  it('is balanced by the weights (within 2 points of each share)', () => {
    const counts: Record<string, number> = {};
    for (const recordId of ids) {
      const id = pickVariant({ campaignId: 'spring', recordId, variants }).id;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(Math.abs(counts.A! / ids.length - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(counts.B! / ids.length - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(counts.C! / ids.length - 0.5)).toBeLessThan(0.02);
  });
});

describe('significance of a difference in conversion', () => {
  it('computes the two-proportion z-test', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    const result = compareProportions({
      metric: 'paid',
      control: { id: 'A', successes: 100, trials: 1000 },
      variant: { id: 'B', successes: 150, trials: 1000 },
    });
    expect(result.z).toBeCloseTo(3.381, 3);
    expect(result.pValue).toBeCloseTo(0.00072, 4);
    expect(result.significant).toBe(true);
    expect(result.verdict).toBe(
      'B converts better than A on paid: 15.0 % vs 10.0 % (p < 0.001); the difference is unlikely to be chance',
    );
  });

  it('calls small differences a tie and tiny samples too early', () => {
    const tie = compareProportions({
      metric: 'paid',
      control: { id: 'A', successes: 100, trials: 1000 },
      variant: { id: 'B', successes: 108, trials: 1000 },
    });
    expect(tie.significant).toBe(false);
    expect(tie.verdict).toMatch(/^No clear difference on paid: B 10\.8 % vs A 10\.0 % \(p = 0\.5\d\d\)/);
    const early = compareProportions({
      metric: 'paid',
      control: { id: 'A', successes: 0, trials: 3 },
      variant: { id: 'B', successes: 3, trials: 3 },
    });
    expect(early.significant).toBe(false);
    expect(early.verdict).toMatch(/^Too little data yet/);
  });
});

describe('request flags', () => {
  it('lets a mail program load the open pixel but never click', () => {
    const outlook = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)';
    expect(classifyRequest({ method: 'GET', userAgent: outlook, kind: 'open' })).toBeUndefined();
    expect(classifyRequest({ method: 'GET', userAgent: outlook, kind: 'click' })).toBe('scanner');
    expect(classifyRequest({ method: 'HEAD', userAgent: outlook, kind: 'open' })).toBe('head');
  });
});

describe('watched-seconds bitmaps and webhook signatures', () => {
  it('reads the seconds of a bitmap and ignores what is not one', () => {
    expect(readWatchedSeconds(Buffer.from([0b00000101, 0b10000000]).toString('base64'))).toEqual([0, 2, 15]);
    expect(readWatchedSeconds('<script>')).toEqual([]);
    expect(readWatchedSeconds(42)).toEqual([]);
  });

  it('accepts a fresh, matching signature only', () => {
    const now = 1_800_000_000_000;
    const timestamp = now / 1000;
    const signature = signWebhook({ secret: 's'.repeat(16), timestamp, body: '{"a":1}' });
    expect(() =>
      verifyWebhookSignature({ secret: 's'.repeat(16), timestamp: String(timestamp), signature, body: '{"a":1}', now }),
    ).not.toThrow();
    expect(() =>
      verifyWebhookSignature({ secret: 's'.repeat(16), timestamp: String(timestamp), signature, body: '{"a":2}', now }),
    ).toThrow(/does not match/);
    expect(() =>
      verifyWebhookSignature({
        secret: 's'.repeat(16),
        timestamp: String(timestamp),
        signature,
        body: '{"a":1}',
        now: now + 301_000,
      }),
    ).toThrow(/more than 300 seconds/);
    expect(() =>
      verifyWebhookSignature({ secret: 's'.repeat(16), timestamp: undefined, signature, body: '{"a":1}', now }),
    ).toThrow(/kindly-timestamp/);
  });
});
