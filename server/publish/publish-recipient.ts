import { createHash } from 'node:crypto';
import type { PageMedia } from '../render/open-renderer.ts';
import { publishHlsStream } from './publish-hls-stream.ts';
import { cacheControl, type Publisher } from './publisher.ts';

/** The folder of a recipient's page on the CDN. Only the random token names it. */
export const recipientPrefix = (token: string) => `r/${token}`;

/** The personal link of a recipient: the campaign's base URL and the token, nothing else. */
export const makeRecipientUrl = (options: { baseUrl: string; token: string }) =>
  `${options.baseUrl}/${recipientPrefix(options.token)}/`;

/**
 * The folder, inside the page's, holding a gated page's media: 128 bits derived from the link's
 * gate share (the server's half of the key, given out only for the right answer, and the same
 * on every re-render). The static page never names it; the sealed payload does. Ungated pages
 * keep their media beside the page (`''`): whoever has their link can open them anyway.
 */
export function getMediaFolder(options: { gateShare: string | undefined }): string {
  return options.gateShare
    ? createHash('sha256').update(`kindly-media\u0000${options.gateShare}`).digest('hex').slice(0, 32)
    : '';
}

/** The page-relative names of a recipient's media, in `folder` (see getMediaFolder). */
export function getMediaNames(options: { folder: string }) {
  const at = (name: string) => (options.folder ? `${options.folder}/${name}` : name);
  return {
    video: at('video.mp4'),
    poster: at('poster.jpg'),
    thumbnail: at('thumb.webp'),
    animatedThumbnail: at('thumb.gif'),
    captions: at('captions.vtt'),
    /** With HLS delivery: the playlist the page plays, the picture's and the captions' playlists and the personal segments. */
    stream: at('video.m3u8'),
    picture: at('picture.m3u8'),
    subtitles: at('captions.m3u8'),
    part: (index: number) => at(`part-${index}.ts`),
  };
}

/**
 * Publishes a recipient's rendered media (no GIF where the e-mail shows a neutral one) in
 * `mediaFolder` of their page's folder, then their page last, so a link never opens a page whose
 * video is not there yet.
 */
export async function publishRecipient(options: {
  publisher: Publisher;
  token: string;
  media: PageMedia;
  html: string;
  mediaFolder?: string;
}): Promise<void> {
  const prefix = recipientPrefix(options.token);
  const { publisher, media } = options;
  const names = getMediaNames({ folder: options.mediaFolder ?? '' });
  const put = (name: string, file: string, contentType: string) =>
    publisher.putFile({ key: `${prefix}/${name}`, file, contentType, cacheControl: cacheControl.media });
  if (media.video) await put(names.video, media.video, 'video/mp4');
  if (media.stream) await publishHlsStream({ publisher, prefix, names, stream: media.stream });
  await put(names.poster, media.poster, 'image/jpeg');
  await put(names.thumbnail, media.thumbnail, 'image/webp');
  if (media.animatedThumbnail) await put(names.animatedThumbnail, media.animatedThumbnail, 'image/gif');
  await put(names.captions, media.captions, 'text/vtt; charset=utf-8');
  await putPage({ publisher, prefix, html: options.html });
}

/**
 * Publishes a live page that drew nothing: its captions (text) in `mediaFolder`, then the page.
 * Its poster is a shared asset the page names, its video the player in the page.
 */
export async function publishLiveRecipient(options: {
  publisher: Publisher;
  token: string;
  captions: string;
  html: string;
  mediaFolder?: string;
}): Promise<void> {
  const prefix = recipientPrefix(options.token);
  const names = getMediaNames({ folder: options.mediaFolder ?? '' });
  await options.publisher.put({
    key: `${prefix}/${names.captions}`,
    body: options.captions,
    contentType: 'text/vtt; charset=utf-8',
    cacheControl: cacheControl.media,
  });
  await putPage({ publisher: options.publisher, prefix, html: options.html });
}

const putPage = (options: { publisher: Publisher; prefix: string; html: string }) =>
  options.publisher.put({
    key: `${options.prefix}/index.html`,
    body: options.html,
    contentType: 'text/html; charset=utf-8',
    cacheControl: cacheControl.page,
  });
