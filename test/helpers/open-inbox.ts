import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/api/build-app.ts';
import { createApiKey } from '../../server/store/api-keys.ts';
import type { Db } from '../../server/store/db.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';
import { seedCampaign } from './seed-campaign.ts';
import type { StoreBackend } from './store-backends.ts';

/** The server's own key (`KINDLY_API_KEY`), as the inbox's callers use it. */
export const envKey = 'inbox-env-key-0123456789';
export const today = new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type By = { name: string | null; key: string };
/** One response as the inbox lists it. */
export type Listed = {
  id: number;
  recordId: string;
  kind: string;
  status: string;
  handledBy: By | null;
  handledAt: string | null;
  holdReleasedBy: By | null;
  holdReleasedAt: string | null;
};

/** The `inbox` campaign, its app and an admin key ("ops desk"), and the calls its tests make. */
export type Inbox = {
  db: Db;
  app: FastifyInstance;
  temp: Awaited<ReturnType<typeof makeTempDir>>;
  recipients: Awaited<ReturnType<typeof seedCampaign>>;
  desk: { id: string; key: string };
  as: (key: string) => { authorization: string };
  /** Posts a debtor's form the way their page does: text/plain JSON (a simple request, no preflight). */
  postFromPage: (url: string, body: unknown) => Promise<LightMyRequestResponse>;
  /** The inbox's responses, read with the server's own key. */
  list: (query: string) => Promise<{ responses: Listed[]; next?: number }>;
  recordOf: (index: number) => string;
  close: () => Promise<void>;
};

/**
 * Opens the store, seeds the `inbox` campaign and its app, then has three debtors answer from
 * their pages, oldest first: the first claims to have paid, the second disputes, the third asks
 * for a call-back.
 */
export async function openInbox(options: { backend: StoreBackend }): Promise<Inbox> {
  const { db, tearDown } = await options.backend.setUp();
  const temp = await makeTempDir('inbox');
  let app: FastifyInstance | undefined;
  const close = async () => {
    await app?.close();
    await tearDown();
    await temp.remove();
  };
  try {
    const recipients = await seedCampaign({
      db,
      id: 'inbox',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: 'https://pages.example.com',
    });
    const desk = await createApiKey({ db, name: 'ops desk', role: 'admin' });
    const opened = await buildApp({ db, apiKey: envKey });
    app = opened;
    const inbox: Inbox = {
      db,
      app: opened,
      temp,
      recipients,
      desk,
      as: (key) => ({ authorization: `Bearer ${key}` }),
      postFromPage: (url, body) =>
        opened.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'text/plain' },
          payload: JSON.stringify(body),
        }),
      list: async (query) => {
        const response = await opened.inject({
          method: 'GET',
          url: `/api/campaigns/inbox/responses${query}`,
          headers: inbox.as(envKey),
        });
        expect(response.statusCode).toBe(200);
        return response.json() as { responses: Listed[]; next?: number };
      },
      recordOf: (index) => recipients[index]!.recordId,
      close,
    };
    await postResponses(inbox);
    return inbox;
  } catch (error) {
    await close();
    throw error;
  }
}

async function postResponses({ postFromPage, recipients }: Inbox): Promise<void> {
  expect(
    (await postFromPage(`/t/f/${recipients[0]!.token}/paid`, { paidOn: today, reference: 'BONIFICO 77' })).statusCode,
  ).toBe(201);
  expect((await postFromPage(`/t/f/${recipients[1]!.token}/dispute`, { reason: 'not_mine' })).statusCode).toBe(201);
  expect(
    (
      await postFromPage(`/t/f/${recipients[2]!.token}/callback`, {
        phone: '+39 347 000 1111',
        preferredDate: inDays(1),
        preferredWindow: 'morning',
      })
    ).statusCode,
  ).toBe(201);
}
