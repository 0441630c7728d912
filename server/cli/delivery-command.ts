import path from 'node:path';
import { z } from 'zod';
import { checkDelivery } from '../delivery/check-delivery.ts';
import { listDeliveryEntries, type DeliveryEntry } from '../delivery/list-delivery-entries.ts';
import { deliveryFormats, makeDeliveryFile } from '../delivery/make-delivery-files.ts';
import { InputError } from '../errors.ts';
import { writeLines } from '../publish/write-lines.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';

/** `kindly delivery <campaign> --format csv|json --out file`: the campaign's delivery kit for the e-mail/SMS sender. */
export async function deliveryCommand(options: { campaignId: string; format: string; out: string; db: Db; log: (line: string) => void; now?: Date }): Promise<number> {
  const format = z.enum(deliveryFormats).safeParse(options.format);
  if (!format.success) throw new InputError({ problem: '--format must be csv or json', value: options.format, fix: 'Use --format csv or --format json' });
  const campaign = await getCampaign({ db: options.db, id: options.campaignId });
  checkDelivery({ campaign });
  const now = options.now ?? new Date();
  let count = 0;
  let held = 0;
  async function* counted(entries: AsyncIterable<DeliveryEntry>) {
    for await (const entry of entries) {
      count += 1;
      if (entry.hold) held += 1;
      yield entry;
    }
  }
  const file = path.resolve(options.out);
  await writeLines(file, makeDeliveryFile({ format: format.data, campaignId: campaign.id, now, entries: counted(listDeliveryEntries({ db: options.db, campaign, now })) }));
  options.log(`Delivery kit of ${campaign.id}: ${count} recipient(s) (published, not opted out) written to ${file}`);
  if (held > 0) options.log(`${held} of them held (hold: paid_claim or dispute): nothing to send them until the claim is settled`);
  return count;
}
