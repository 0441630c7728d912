import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { checkDelivery } from '../delivery/check-delivery.ts';
import { listDeliveryEntries, type DeliveryEntry } from '../delivery/list-delivery-entries.ts';
import { deliveryFormats, makeDeliveryFile, type DeliveryFormat } from '../delivery/make-delivery-files.ts';
import { InputError } from '../errors.ts';
import { writeLines } from '../publish/write-lines.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { withCliAudit } from './audit-cli-action.ts';
import type { StoreServer } from './find-store-server.ts';
import { requestStoreServer } from './request-store-server.ts';
import type { CampaignStore } from './with-campaign-store.ts';

/** Writes the kit from the store itself, counting the recipients as they go by. */
type Written = { campaignId: string; count: number; held: number };

async function writeFromStore(options: {
  db: Db;
  campaignId: string;
  format: DeliveryFormat;
  file: string;
  now: Date;
}): Promise<Written> {
  const campaign = await getCampaign({ db: options.db, id: options.campaignId });
  checkDelivery({ campaign });
  let count = 0;
  let held = 0;
  async function* counted(entries: AsyncIterable<DeliveryEntry>) {
    for await (const entry of entries) {
      count += 1;
      if (entry.hold) held += 1;
      yield entry;
    }
  }
  await writeLines(
    options.file,
    makeDeliveryFile({
      format: options.format,
      campaignId: campaign.id,
      now: options.now,
      entries: counted(listDeliveryEntries({ db: options.db, campaign, now: options.now })),
    }),
  );
  return { campaignId: campaign.id, count, held };
}

/** Downloads the kit from the server's export route, then counts its recipients (and those held) in the file. */
async function writeFromServer(options: {
  server: StoreServer;
  campaignId: string;
  format: DeliveryFormat;
  file: string;
}): Promise<Written> {
  const response = await requestStoreServer({
    server: options.server,
    path: `/api/campaigns/${encodeURIComponent(options.campaignId)}/delivery.${options.format}`,
  });
  await writeLines(options.file, Readable.fromWeb(response.body as WebReadableStream<Uint8Array>).setEncoding('utf8'));
  let count = 0;
  let held = 0;
  if (options.format === 'csv') {
    for await (const row of fs.createReadStream(options.file).pipe(parse({ columns: true })) as AsyncIterable<{
      hold?: string;
    }>) {
      count += 1;
      if (row.hold) held += 1;
    }
    return { campaignId: options.campaignId, count, held };
  }
  // The JSON kit holds one recipient a line, between its opening line and the closing `]}`.
  for await (const line of readline.createInterface({ input: fs.createReadStream(options.file) })) {
    if (!line.trim()) continue;
    count += 1;
    if (/^\s*\{"id":.*"hold":"[^"]/.test(line)) held += 1;
  }
  return { campaignId: options.campaignId, count: Math.max(0, count - 2), held };
}

/** `kindly delivery <campaign> --format csv|json --out file`: the campaign's delivery kit for the e-mail/SMS sender. */
export async function deliveryCommand(options: {
  campaignId: string;
  format: string;
  out: string;
  store: CampaignStore;
  log: (line: string) => void;
  now?: Date;
}): Promise<number> {
  const format = z.enum(deliveryFormats).safeParse(options.format);
  if (!format.success)
    throw new InputError({
      problem: '--format must be csv or json',
      value: options.format,
      fix: 'Use --format csv or --format json',
    });
  const file = path.resolve(options.out);
  const { store } = options;
  const { campaignId, count, held } =
    store.kind === 'store'
      ? await withCliAudit({
          db: store.db,
          command: 'delivery',
          action: 'export-delivery',
          campaignId: options.campaignId,
          describe: (written) => ({ detail: `${written.count} recipient(s), ${format.data}` }),
          work: () =>
            writeFromStore({
              db: store.db,
              campaignId: options.campaignId,
              format: format.data,
              file,
              now: options.now ?? new Date(),
            }),
        })
      : await writeFromServer({ server: store.server, campaignId: options.campaignId, format: format.data, file });
  options.log(`Delivery kit of ${campaignId}: ${count} recipient(s) (published, not opted out) written to ${file}`);
  if (held > 0)
    options.log(
      `${held} of them held (hold: paid_claim or dispute): nothing to send them until an operator releases the hold ("Release hold" in the dashboard inbox, or POST /api/campaigns/${campaignId}/responses/<id>/release)`,
    );
  return count;
}
