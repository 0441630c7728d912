import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../server/api/build-app.ts';
import { createApiKey } from '../../server/store/api-keys.ts';
import type { Db } from '../../server/store/db.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';
import { makeMultipart } from './multipart.ts';

/** An app on an embedded store with an operator's key, and the calls the console makes with it. */
export type OperatorApi = {
  db: Db;
  app: FastifyInstance;
  auth: () => { authorization: string };
  createCampaign: (id: string) => Promise<void>;
  post: (options: {
    url: string;
    name: string;
    contents: string | Buffer;
    fields?: Record<string, string>;
  }) => ReturnType<FastifyInstance['inject']>;
  readColumns: (campaign: string, name: string, contents: string | Buffer) => ReturnType<FastifyInstance['inject']>;
};

/** Opens the store and app before the file's tests and closes them after. */
export function useOperatorApi(): OperatorApi {
  let temp: Awaited<ReturnType<typeof makeTempDir>> | undefined;
  let key = '';
  const api = {
    auth: () => ({ authorization: `Bearer ${key}` }),
    createCampaign: async (id: string) => {
      const created = await api.app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: api.auth(),
        payload: { id, template: 'gentle-reminder', payUrl: 'https://pay.example.com/' },
      });
      expect(created.statusCode).toBe(201);
    },
    post: async (options) => {
      const body = await makeMultipart({
        fields: options.fields,
        file: { name: options.name, contents: options.contents },
      });
      return api.app.inject({
        method: 'POST',
        url: options.url,
        headers: { ...api.auth(), ...body.headers },
        payload: body.payload,
      });
    },
    readColumns: (campaign, name, contents) =>
      api.post({ url: `/api/campaigns/${campaign}/records/columns`, name, contents }),
  } as OperatorApi;
  beforeAll(async () => {
    temp = await makeTempDir('operator-api');
    api.db = await openEmbeddedStore({ dataDir: temp.dir });
    api.app = await buildApp({ db: api.db });
    key = (await createApiKey({ db: api.db, name: 'operator person', role: 'operator' })).key;
  });
  afterAll(async () => {
    await api.app?.close();
    await api.db?.close();
    await temp?.remove();
  });
  return api;
}

/** Each template field and the file column it would read, from a columns answer. */
export const fieldsOf = (answer: { fields: { field: string; column: string | null }[] }) =>
  Object.fromEntries(answer.fields.map(({ field, column }) => [field, column]));
