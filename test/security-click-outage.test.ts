import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { makePostgresDatabase } from '../scripts/lib/postgres-database.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { spawnKindly, type KindlyProcess } from './helpers/spawn-kindly.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// A Pay-now click the server holds while its store fails is stored, even when the server stops first.

describe('a Pay-now click kept through a store outage, on a real kindly serve', () => {
  it('is stored when the server is stopped while the store is still failing and comes back during the stop', async () => {
    const database = await makePostgresDatabase();
    const temp = await makeTempDir('security-beacons-stop');
    const db = await openPostgresStore({ url: database.url });
    let server: KindlyProcess | undefined;
    try {
      const [debtor] = await seedCampaign({
        db,
        id: 'stop',
        payUrl: 'https://pay.example.com/checkout',
        baseUrl: 'https://pages.example.com',
      });
      const port = await getFreePort();
      server = spawnKindly({
        args: ['serve', '--out', path.join(temp.dir, 'out'), '--port', String(port)],
        env: {
          DATABASE_URL: database.url,
          KINDLY_DATA_DIR: path.join(temp.dir, 'data'),
          REDIS_URL: '',
          KINDLY_S3_BUCKET: '',
          KINDLY_LOG_LEVEL: 'warn',
        },
      });
      await server.waitFor('Serving', 60_000);
      await db.query('alter table events rename to events_away');
      const click = await fetch(`http://127.0.0.1:${port}/t/c/${debtor!.token}/pay`, { redirect: 'manual' });
      expect(click.status).toBe(302);
      // Stopped while the store still refuses: the kept click is written as the server closes, once the table is back.
      server.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await db.query('alter table events_away rename to events');
      expect(await server.exited).toBe(0);
      const { rows } = await db.query<{ type: string }>("select type from events where campaign_id = 'stop'");
      expect(rows.map((row) => row.type)).toEqual(['click_pay']);
    } finally {
      server?.kill('SIGKILL');
      await db.close();
      await database.drop();
      await temp.remove();
    }
  }, 120_000);
});
