import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import { findStoreServer, type StoreServer } from './find-store-server.ts';
import { withStore } from './with-store.ts';

/** Where a command that reads or acts on a campaign finds it: the store itself, or the local server that holds it. */
export type CampaignStore = { kind: 'store'; db: Db } | { kind: 'server'; server: StoreServer };

/**
 * Runs a campaign command on the store, or, when a local `kindly serve` holds the embedded store,
 * through that server's API (saying so on stderr, so `--json` output stays clean).
 */
export async function withCampaignStore<T>(options: { config: Config; note: (line: string) => void; work: (store: CampaignStore) => Promise<T> }): Promise<T> {
  const { work } = options;
  const server = await findStoreServer({ config: options.config });
  if (!server) return withStore(options.config, (db) => work({ kind: 'store', db }));
  options.note(`kindly: the store is held by pid ${server.pid} (${server.command}), which serves; going through its API at ${server.apiUrl}`);
  return work({ kind: 'server', server });
}
