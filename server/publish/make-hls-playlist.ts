/** One segment of a media playlist: its address relative to the playlist and its length. */
export type PlaylistEntry = { uri: string; seconds: number };

/**
 * A complete (VOD) HLS media playlist: every segment listed, the end marked. The segments carry
 * one continuous clock, so no discontinuity is marked between them.
 */
export function makeHlsPlaylist(options: { entries: readonly PlaylistEntry[] }): string {
  const longest = Math.max(1, ...options.entries.map((entry) => entry.seconds));
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(longest)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...options.entries.flatMap((entry) => [`#EXTINF:${entry.seconds.toFixed(6)},`, entry.uri]),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

/**
 * The playlist a page plays (a multivariant playlist): one rendition of the picture; when the
 * sound is its own rendition (`sound`: its playlist's address), that as the default audio; with
 * `captions` (their playlist's address, name and BCP 47 language), them as the default subtitles,
 * so players show them without a `<track>`. `bandwidth` is the peak bits per second; with a
 * single rendition players use it for nothing but buffering estimates.
 */
export function makeHlsMasterPlaylist(options: {
  picture: string;
  sound: string | undefined;
  captions?: { uri: string; name: string; language: string };
  bandwidth: number;
  width: number;
  height: number;
  codecs?: string;
}): string {
  const { sound, captions } = options;
  const quoted = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:4',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...(sound
      ? [`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="sound",NAME="Sound",DEFAULT=YES,AUTOSELECT=YES,URI=${quoted(sound)}`]
      : []),
    ...(captions
      ? [
          `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME=${quoted(captions.name)},LANGUAGE=${quoted(captions.language)},DEFAULT=YES,AUTOSELECT=YES,URI=${quoted(captions.uri)}`,
        ]
      : []),
    `#EXT-X-STREAM-INF:BANDWIDTH=${Math.max(1, Math.round(options.bandwidth))},RESOLUTION=${options.width}x${options.height}${options.codecs ? `,CODECS="${options.codecs}"` : ''}${sound ? ',AUDIO="sound"' : ''}${captions ? ',SUBTITLES="subs"' : ''}`,
    options.picture,
    '',
  ].join('\n');
}
