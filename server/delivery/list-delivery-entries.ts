import { findTemplate } from '../../templates/registry.ts';
import { listLinkRecipients } from '../publish/list-link-recipients.ts';
import { getNeutralTone, sendsNeutralThumbnail } from '../publish/neutral-look.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { findNeutralThumbnails } from '../store/neutral-thumbnails.ts';
import { makeEmailSnippet } from './make-email-snippet.ts';
import { getDeliveryCopy, makeSms, type Sms } from './make-sms.ts';
import { findTimeZone, getSendWindow, type SendWindow } from './send-window.ts';

/**
 * What an e-mail/SMS sender needs for one recipient, and nothing more: the record id to match
 * its contact, the address and number to send to, the links, the ready e-mail HTML and SMS, and
 * when sending is allowed. No name, amount or other record value.
 */
export type SendableDeliveryEntry = {
  id: string;
  hold: '';
  email: string;
  phone: string;
  url: string;
  optOutUrl: string;
  thumbnailUrl: string;
  emailHtml: string;
  sms: Sms;
  sendWindow: SendWindow;
};

/** A recipient whose reminders are held (they said they already paid, or dispute the debt): the id and why, nothing to send with. */
export type HeldDeliveryEntry = { id: string; hold: string };

export type DeliveryEntry = SendableDeliveryEntry | HeldDeliveryEntry;

export const isSendable = (entry: DeliveryEntry): entry is SendableDeliveryEntry => entry.hold === '';

/** The e-mail thumbnail's box: 480 px wide, the video's shape. */
const thumbnailWidth = 480;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The delivery kit of a campaign, one entry per recipient of links.csv in upload order, read
 * from the store a page at a time (opted out and erased debtors are left out). A recipient with
 * a hold keeps a row naming it, without address, number or message. Behind a privacy gate (or
 * with `neutralThumbnail`) the e-mail's picture is the campaign's neutral thumbnail for the
 * locale, the same file for everyone, never the debtor's own video.
 */
export async function* listDeliveryEntries(options: {
  db: Db;
  campaign: Campaign;
  now: Date;
}): AsyncGenerator<DeliveryEntry> {
  const { campaign } = options;
  const template = findTemplate(campaign.templateId);
  const thumbnailHeight = template
    ? Math.round((thumbnailWidth * template.height) / template.width)
    : Math.round((thumbnailWidth * 9) / 16);
  // Neutral thumbnails are shared files, one per locale; otherwise each debtor's own GIF.
  const neutral = sendsNeutralThumbnail({ campaign, template })
    ? await findNeutralThumbnails({ db: options.db, campaignId: campaign.id })
    : undefined;
  const tone = template && getNeutralTone({ campaign, template });
  for await (const { recipient, url, hold } of listLinkRecipients(options)) {
    if (hold) {
      yield { id: recipient.recordId, hold };
      continue;
    }
    const optOutUrl = `${campaign.trackUrl}/t/o/${recipient.token}`;
    const neutralPath = neutral?.({ locale: recipient.locale, tone });
    // A neutral campaign never falls back to the personal GIF: without its thumbnail the e-mail has no picture.
    const thumbnailUrl = neutral ? (neutralPath ? `${campaign.baseUrl}/${neutralPath}` : '') : `${url}thumb.gif`;
    const copy = getDeliveryCopy(recipient.locale);
    yield {
      id: recipient.recordId,
      hold: '',
      email: text(recipient.data.email),
      phone: text(recipient.data.phone),
      url,
      optOutUrl,
      thumbnailUrl,
      emailHtml: makeEmailSnippet({
        url,
        thumbnailUrl,
        optOutUrl,
        copy,
        width: thumbnailWidth,
        height: thumbnailHeight,
      }),
      sms: makeSms({ locale: recipient.locale, url, brand: template?.copy?.[recipient.locale]?.brand }),
      sendWindow: getSendWindow({
        timeZone: findTimeZone({ locale: recipient.locale, timezone: recipient.data.timezone }),
        now: options.now,
      }),
    };
  }
}
