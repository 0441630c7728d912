import { findTemplate } from '../../templates/registry.ts';
import { makeRecipientUrl } from '../publish/publish-recipient.ts';
import type { Campaign } from '../store/campaigns.ts';
import { makeToken } from '../store/make-token.ts';
import { makeSms } from './make-sms.ts';

/**
 * Refuses, before anything is streamed, a campaign whose kit cannot be made for some locale of
 * its template: no delivery copy, or an SMS that cannot hold the link (links are all one length).
 */
export function checkDelivery(options: { campaign: Campaign }): void {
  const template = findTemplate(options.campaign.templateId);
  const url = makeRecipientUrl({ baseUrl: options.campaign.baseUrl, token: makeToken() });
  for (const locale of template?.locales ?? []) makeSms({ locale, url, brand: template?.copy?.[locale]?.brand });
}
