import { toCsvLine } from '../to-csv-line.ts';
import { isSendable, type DeliveryEntry } from './list-delivery-entries.ts';

/** The formats a delivery kit is exported in. */
export const deliveryFormats = ['csv', 'json'] as const;
export type DeliveryFormat = (typeof deliveryFormats)[number];

const columns = [
  'id',
  'email',
  'phone',
  'url',
  'opt_out_url',
  'thumbnail_url',
  'email_html',
  'sms_text',
  'sms_charset',
  'sms_length',
  'sms_limit',
  'time_zone',
  'send_window_start',
  'send_window_end',
  'send_window_local',
  'hold',
];

/** A delivery kit as CSV, line by line (one row per recipient; e-mail HTML quoted in one cell; a held row has only id and hold). */
export async function* makeDeliveryCsv(entries: AsyncIterable<DeliveryEntry>): AsyncGenerator<string> {
  yield toCsvLine(columns);
  for await (const entry of entries) {
    if (!isSendable(entry)) {
      yield toCsvLine([entry.id, ...columns.slice(1, -1).map(() => ''), entry.hold]);
      continue;
    }
    yield toCsvLine([
      entry.id,
      entry.email,
      entry.phone,
      entry.url,
      entry.optOutUrl,
      entry.thumbnailUrl,
      entry.emailHtml,
      entry.sms.text,
      entry.sms.charset,
      entry.sms.length,
      entry.sms.limit,
      entry.sendWindow.timeZone,
      entry.sendWindow.start,
      entry.sendWindow.end,
      entry.sendWindow.local,
      entry.hold,
    ]);
  }
}

/** A delivery kit as JSON `{campaign, generatedAt, recipients: [...]}`, streamed a recipient at a time. */
export async function* makeDeliveryJson(options: {
  campaignId: string;
  now: Date;
  entries: AsyncIterable<DeliveryEntry>;
}): AsyncGenerator<string> {
  yield `{"campaign":${JSON.stringify(options.campaignId)},"generatedAt":${JSON.stringify(options.now.toISOString())},"recipients":[`;
  let first = true;
  for await (const entry of options.entries) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`;
    first = false;
  }
  yield '\n]}\n';
}

/** The delivery kit of a campaign in one format, as chunks of text. */
export function makeDeliveryFile(options: {
  format: DeliveryFormat;
  campaignId: string;
  now: Date;
  entries: AsyncIterable<DeliveryEntry>;
}): AsyncGenerator<string> {
  return options.format === 'csv' ? makeDeliveryCsv(options.entries) : makeDeliveryJson(options);
}
