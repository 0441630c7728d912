import type { Config } from '../config.ts';
import { openServices, type Services } from '../open-services.ts';
import type { Db } from '../store/db.ts';
import { findStoreServer, type StoreServer } from './find-store-server.ts';
import { withStore } from './with-store.ts';

/**
 * Where a command that reads or acts on a campaign finds it: the store itself (with the services
 * that render here, when the command renders), or the local server that holds it.
 */
export type CampaignStore = { kind: 'store'; db: Db; services?: Services } | { kind: 'server'; server: StoreServer };

/**
 * Runs a campaign command on the store, or, when a local `kindly serve` holds the embedded store,
 * through that server's API (saying so on stderr, so `--json` output stays clean). With
 * `rendersTo` (a site folder), the store comes with the services that render in this process.
 */
export async function withCampaignStore<T>(options: {
  config: Config;
  note: (line: string) => void;
  rendersTo?: string;
  work: (store: CampaignStore) => Promise<T>;
}): Promise<T> {
  const { work, config } = options;
  const server = await findStoreServer({ config });
  if (server) {
    options.note(
      `kindly: the store is held by pid ${server.pid} (${server.command}), which serves; going through its API at ${server.apiUrl}`,
    );
    return work({ kind: 'server', server });
  }
  if (options.rendersTo === undefined) return withStore(config, (db) => work({ kind: 'store', db }));
  const services = await openServices({ config, siteDir: options.rendersTo, renders: 'here' });
  try {
    return await work({ kind: 'store', db: services.db, services });
  } finally {
    await services.close();
  }
}
