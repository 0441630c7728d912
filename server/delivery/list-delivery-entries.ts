import { findTemplate } from '../../templates/registry.ts';
import { getNeutralTone, sendsNeutralThumbnail } from '../publish/publish-neutral-thumbnail.ts';
import { makeRecipientUrl } from '../publish/publish-recipient.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { findNeutralThumbnails } from '../store/neutral-thumbnails.ts';
import { pageThroughRecipients } from '../store/page-through-recipients.ts';
import { makeEmailSnippet } from './make-email-snippet.ts';
import { getDeliveryCopy, makeSms, type Sms } from './make-sms.ts';
import { findTimeZone, getSendWindow, type SendWindow } from './send-window.ts';

/**
 * What an e-mail/SMS sender needs for one recipient, and nothing more: the record id to match
 * its contact, the address and number to send to, the links, the ready e-mail HTML and SMS, and
 * when sending is allowed. No name, amount or other record value.
 */
export type DeliveryEntry = {
  id: string;
  email: string;
  phone: string;
  url: string;
  optOutUrl: string;
  thumbnailUrl: string;
  emailHtml: string;
  sms: Sms;
  sendWindow: SendWindow;
};

/** The e-mail thumbnail's box: 480 px wide, the video's shape. */
const thumbnailWidth = 480;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The delivery kit of a campaign, one entry per published recipient in upload order, read from
 * the store a page at a time. Debtors who opted out or were erased are left out, as in links.csv.
 * Behind a privacy gate (or with `neutralThumbnail`) the e-mail's picture is the campaign's
 * neutral thumbnail for the locale, the same file for everyone, never the debtor's own video.
 */
export async function* listDeliveryEntries(options: { db: Db; campaign: Campaign; now: Date }): AsyncGenerator<DeliveryEntry> {
  const { campaign } = options;
  const template = findTemplate(campaign.templateId);
  const thumbnailHeight = template ? Math.round((thumbnailWidth * template.height) / template.width) : Math.round((thumbnailWidth * 9) / 16);
  // Neutral thumbnails are shared files, one per locale; otherwise each debtor's own GIF.
  const neutral = sendsNeutralThumbnail(campaign) ? await findNeutralThumbnails({ db: options.db, campaignId: campaign.id }) : undefined;
  const tone = template && getNeutralTone({ campaign, template });
  for await (const recipient of pageThroughRecipients({ db: options.db, campaignId: campaign.id, statuses: ['published'], pageSize: 1000 })) {
    if (recipient.erased || recipient.optedOut) continue;
    const url = makeRecipientUrl({ baseUrl: campaign.baseUrl, token: recipient.token });
    const optOutUrl = `${campaign.trackUrl}/t/o/${recipient.token}`;
    const neutralPath = neutral?.({ locale: recipient.locale, tone });
    // A neutral campaign never falls back to the personal GIF: without its thumbnail the e-mail has no picture.
    const thumbnailUrl = neutral ? (neutralPath ? `${campaign.baseUrl}/${neutralPath}` : '') : `${url}thumb.gif`;
    const copy = getDeliveryCopy(recipient.locale);
    yield {
      id: recipient.recordId,
      email: text(recipient.data.email),
      phone: text(recipient.data.phone),
      url,
      optOutUrl,
      thumbnailUrl,
      emailHtml: makeEmailSnippet({ url, thumbnailUrl, optOutUrl, copy, width: thumbnailWidth, height: thumbnailHeight }),
      sms: makeSms({ locale: recipient.locale, url, brand: template?.copy?.[recipient.locale]?.brand }),
      sendWindow: getSendWindow({ timeZone: findTimeZone({ locale: recipient.locale, timezone: recipient.data.timezone }), now: options.now }),
    };
  }
}
