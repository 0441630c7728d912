import fs from 'node:fs/promises';
import type { HlsPart, HlsStream } from '../render/render-hls-stream.ts';
import { makeHlsMasterPlaylist, makeHlsPlaylist, type PlaylistEntry } from './make-hls-playlist.ts';
import { cacheControl, type Publisher } from './publisher.ts';
import { putHashed } from './put-hashed.ts';

/** Where shared segments and shared sound playlists live: content-addressed, so cached forever. */
export const sharedHlsFolder = 'assets/hls';

const playlistType = 'application/vnd.apple.mpegurl';
const segmentType = 'video/mp2t';

/** A name's last part: how a playlist names a file beside it. */
const baseName = (name: string) => name.split('/').at(-1) ?? name;

/**
 * Publishes a recipient's HLS stream. Shared segments go to `assets/hls/` once (one already there
 * is neither made nor written again); personal ones, and the recipient's playlists, go to their
 * media folder (`folder` in `r/<token>/`, see getMediaFolder), which only the sealed payload names
 * when the page is gated. A sound rendition shared by every recipient is a content-hashed
 * playlist among the shared assets. With `stream.captions`, a subtitles rendition plays the
 * recipient's captions (`names.captions`, published beside, by the caller) as one segment: its
 * playlist is personal too (it names that file), so it sits with theirs. Playlists name everything
 * relatively, so any base path works.
 */
export async function publishHlsStream(options: {
  publisher: Publisher;
  prefix: string;
  names: { stream: string; picture: string; subtitles: string; captions: string; part: (index: number) => string };
  stream: HlsStream;
}): Promise<void> {
  const { publisher, prefix, names, stream } = options;
  const depth = prefix.split('/').length + names.stream.split('/').length - 1;
  const toRoot = '../'.repeat(depth);
  let bandwidth = 0;
  const publishPart = async (part: HlsPart, index: number): Promise<PlaylistEntry> => {
    const { sharedName } = part;
    const key = sharedName ? `${sharedHlsFolder}/${sharedName}` : `${prefix}/${names.part(index)}`;
    if (!sharedName || !(await publisher.has({ key }))) {
      const file = await part.make();
      const { size } = await fs.stat(file);
      bandwidth = Math.max(bandwidth, (size * 8) / part.seconds);
      await publisher.putFile({
        key,
        file,
        contentType: segmentType,
        cacheControl: sharedName ? cacheControl.immutable : cacheControl.media,
      });
    }
    return { uri: sharedName ? `${toRoot}${key}` : baseName(names.part(index)), seconds: part.seconds };
  };
  const picture = await Promise.all(stream.picture.map(publishPart));
  const sound = stream.sound && (await Promise.all(stream.sound.map(publishPart)));
  const soundKey =
    sound &&
    (await putHashed({
      publisher,
      folder: sharedHlsFolder,
      name: 'sound.m3u8',
      // Listed from the shared folder itself: the playlist sits beside its segments.
      body: makeHlsPlaylist({ entries: sound.map((entry) => ({ ...entry, uri: baseName(entry.uri) })) }),
      contentType: playlistType,
    }));
  const put = (name: string, body: string) =>
    publisher.put({ key: `${prefix}/${name}`, body, contentType: playlistType, cacheControl: cacheControl.media });
  await put(names.picture, makeHlsPlaylist({ entries: picture }));
  const { captions } = stream;
  if (captions) {
    // One WebVTT segment as long as the video: the captions are a few hundred bytes.
    const seconds = picture.reduce((total, entry) => total + entry.seconds, 0);
    await put(names.subtitles, makeHlsPlaylist({ entries: [{ uri: baseName(names.captions), seconds }] }));
  }
  await put(
    names.stream,
    makeHlsMasterPlaylist({
      picture: baseName(names.picture),
      sound: soundKey ? `${toRoot}${soundKey}` : undefined,
      captions: captions && { ...captions, uri: baseName(names.subtitles) },
      // Nothing made here (every segment already published): a typical figure for this kind of video.
      bandwidth: bandwidth || 2_000_000,
      width: stream.width,
      height: stream.height,
      codecs: stream.codecs,
    }),
  );
}
