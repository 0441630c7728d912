import { describe, expect, it } from 'vitest';
import { makeLimiter } from '../server/render/make-limiter.ts';

describe('makeLimiter', () => {
  it('runs tasks in the order they asked, tasks asking first ahead of every other one waiting, in their own order', async () => {
    const limit = makeLimiter({ slots: 1 });
    const order: string[] = [];
    let release = () => {};
    const busy = limit(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = ['eager 1', 'eager 2'].map((name) => limit(async () => void order.push(name)));
    // Two debtors open their pages in turn: the one who opened first is rendered first.
    const opened = ['opened 1', 'opened 2'].map((name) => limit(async () => void order.push(name), { first: true }));
    release();
    await Promise.all([busy, ...waiting, ...opened]);
    expect(order).toEqual(['opened 1', 'opened 2', 'eager 1', 'eager 2']);
  });
});
