import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/api/build-app.ts';
import type { Db } from '../../server/store/db.ts';
import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';
import { seedCampaign } from './seed-campaign.ts';
import type { StoreBackend } from './store-backends.ts';

/** Every example of the template is seeded as a recipient: the links issued. */
export const issued = gentleReminder.examples.length;
export const apiKey = 'analytics-key-0123456789';
export const auth = { authorization: `Bearer ${apiKey}` };
export const phone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** The app and store of one backend for the tests of a describe block, with the calls they all make. */
export type AnalyticsApp = {
  db: Db;
  app: FastifyInstance;
  seed: (id: string) => ReturnType<typeof seedCampaign>;
  beacon: (
    token: string,
    type: string,
    userAgent?: string,
    detail?: Record<string, unknown>,
  ) => Promise<LightMyRequestResponse>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the analytics answer, read field by field
  analytics: (id: string) => Promise<any>;
};

/** Opens the backend's store and an app on it before the block's tests, and closes both after them. */
export function useAnalyticsApp(backend: StoreBackend): AnalyticsApp {
  let tearDown: (() => Promise<void>) | undefined;
  const context = {
    seed: (id: string) =>
      seedCampaign({
        db: context.db,
        id,
        payUrl: 'https://pay.example.com/checkout',
        baseUrl: 'https://v.example.com',
      }),
    beacon: (token: string, type: string, userAgent = phone, detail: Record<string, unknown> = {}) =>
      context.app.inject({
        method: 'POST',
        url: '/t/e',
        headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
        payload: JSON.stringify({ token, type, ...detail }),
      }),
    analytics: async (id: string) =>
      (await context.app.inject({ method: 'GET', url: `/api/campaigns/${id}/analytics`, headers: auth })).json(),
  } as AnalyticsApp;
  beforeAll(async () => {
    const opened = await backend.setUp();
    context.db = opened.db;
    tearDown = opened.tearDown;
    context.app = await buildApp({ db: context.db, apiKey, trackingRateLimit: 100_000 });
  }, 60_000);
  afterAll(async () => {
    await context.app?.close();
    await tearDown?.();
  });
  return context;
}
