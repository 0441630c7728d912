import type { PageMedia } from '../render/open-renderer.ts';
import { cacheControl, type Publisher } from './publisher.ts';

/** The folder of a recipient's page on the CDN. Only the random token names it. */
export const recipientPrefix = (token: string) => `r/${token}`;

/** The personal link of a recipient: the campaign's base URL and the token, nothing else. */
export const makeRecipientUrl = (options: { baseUrl: string; token: string }) => `${options.baseUrl}/${recipientPrefix(options.token)}/`;

/**
 * Publishes a recipient's media (no MP4 for live-only pages), then their page last, so a link never opens a page whose
 * video is not there yet.
 */
export async function publishRecipient(options: { publisher: Publisher; token: string; media: PageMedia; html: string }): Promise<void> {
  const prefix = recipientPrefix(options.token);
  const { publisher, media } = options;
  if (media.video) await publisher.putFile({ key: `${prefix}/video.mp4`, file: media.video, contentType: 'video/mp4', cacheControl: cacheControl.media });
  await publisher.putFile({ key: `${prefix}/poster.jpg`, file: media.poster, contentType: 'image/jpeg', cacheControl: cacheControl.media });
  await publisher.putFile({ key: `${prefix}/thumb.webp`, file: media.thumbnail, contentType: 'image/webp', cacheControl: cacheControl.media });
  if (media.animatedThumbnail) await publisher.putFile({ key: `${prefix}/thumb.gif`, file: media.animatedThumbnail, contentType: 'image/gif', cacheControl: cacheControl.media });
  await publisher.putFile({ key: `${prefix}/captions.vtt`, file: media.captions, contentType: 'text/vtt; charset=utf-8', cacheControl: cacheControl.media });
  await publisher.put({ key: `${prefix}/index.html`, body: options.html, contentType: 'text/html; charset=utf-8', cacheControl: cacheControl.page });
}
