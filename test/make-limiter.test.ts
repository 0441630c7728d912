import { describe, expect, it } from 'vitest';
import { makeLimiter } from '../server/render/make-limiter.ts';

describe('makeLimiter', () => {
  it('runs tasks in the order they asked, a task asking first ahead of every one waiting', async () => {
    const limit = makeLimiter({ slots: 1 });
    const order: string[] = [];
    let release = () => {};
    const busy = limit(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = ['eager 1', 'eager 2'].map((name) => limit(async () => void order.push(name)));
    const first = limit(async () => void order.push('opened'), { first: true });
    release();
    await Promise.all([busy, ...waiting, first]);
    expect(order).toEqual(['opened', 'eager 1', 'eager 2']);
  });
});
