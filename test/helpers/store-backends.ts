import { loadConfig } from '../../server/config.ts';
import type { IngestEvent } from '../../server/ingest/ingest-event.ts';
import { createCampaign } from '../../server/store/campaigns.ts';
import type { Db } from '../../server/store/db.ts';
import { openStore } from '../../server/store/open-store.ts';
import { makePostgresDatabase } from '../../scripts/lib/postgres-database.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';

/** A store under test, opened the way Kindly opens it (from the environment), and how to throw it away. */
export type StoreBackend = {
  name: string;
  setUp: () => Promise<{ db: Db; kind: 'postgres' | 'embedded'; tearDown: () => Promise<void> }>;
};

/** The same store behaviours run on both: PostgreSQL (a database of the test's own) and the embedded PGlite. */
export const storeBackends: StoreBackend[] = [
  {
    name: 'PostgreSQL',
    setUp: async () => {
      const database = await makePostgresDatabase();
      const temp = await makeTempDir('store-pg');
      const db = await openStore({ config: loadConfig({ DATABASE_URL: database.url, KINDLY_DATA_DIR: temp.dir }) });
      return {
        db,
        kind: 'postgres',
        tearDown: async () => (await db.close(), await database.drop(), await temp.remove()),
      };
    },
  },
  {
    name: 'embedded PGlite',
    setUp: async () => {
      const temp = await makeTempDir('store-pglite');
      const db = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: temp.dir }) });
      return { db, kind: 'embedded', tearDown: async () => (await db.close(), await temp.remove()) };
    },
  },
];

/** A records file as ingest yields it: `D<n>` ids accepted, `!` entries rejected on two fields. */
export async function* makeIngestEvents(ids: readonly string[]): AsyncGenerator<IngestEvent> {
  let row = 1;
  for (const id of ids) {
    row += 1;
    if (id === '!') {
      yield {
        kind: 'rejected',
        row,
        issues: [
          { field: 'amount', value: 'abc', reason: 'not an amount' },
          { field: 'due_date', value: '31/02/2027', reason: 'no such date' },
        ],
      };
    } else {
      const record = { id, locale: 'it-IT', name: `Debtor ${id}` };
      yield { kind: 'accepted', row, record };
    }
  }
}

/** A campaign ready for records. */
export async function makeCampaign(options: { db: Db; id: string }): Promise<void> {
  await createCampaign({
    db: options.db,
    campaign: {
      id: options.id,
      templateId: 'gentle-reminder',
      templateVersion: '1.0.0',
      payUrl: 'https://pay.example.com/c',
      baseUrl: 'https://v.example.com',
    },
  });
}
