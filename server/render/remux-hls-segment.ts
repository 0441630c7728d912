import { runFfmpeg } from './run-ffmpeg.ts';

/**
 * Where every segment's timeline starts, in seconds. MPEG-TS players take the first segment's
 * time as zero; starting above zero keeps a B-frame's decoding time (before its showing time)
 * from going negative, which ffmpeg would "fix" by shifting that one segment.
 */
export const hlsTimeBase = 10;

/**
 * One HLS segment as MPEG-TS, copied without re-encoding (`-c copy`): a chunk's picture, its
 * share of the sound, or both, stamped with their place on the whole video's timeline
 * (`startSeconds`, the sound's `startSeconds` on the same timeline), so that consecutive segments
 * continue each other's clocks and need no discontinuity. A segment's bytes depend only on its
 * inputs and place, so a shared one made twice is the same file.
 */
export async function remuxHlsSegment(options: {
  video?: { file: string; startSeconds: number };
  audio?: { file: string; startSeconds: number };
  output: string;
  signal?: AbortSignal;
}): Promise<void> {
  const { video, audio } = options;
  const start = video?.startSeconds ?? audio?.startSeconds;
  if (start === undefined) throw new Error('An HLS segment needs a picture or a sound');
  const micro = (seconds: number) => `${Math.round(seconds * 1_000_000)}us`;
  // Each input starts at zero; the picture is placed with the output offset, the sound relative
  // to it. Offsets on the inputs alone are not enough: ffmpeg takes a jump of over 10 s at an
  // MPEG-TS input's start for a discontinuity and undoes it.
  const inputs = [
    ...(video ? ['-i', video.file] : []),
    ...(audio ? ['-itsoffset', micro(audio.startSeconds - start), '-i', audio.file] : []),
  ];
  const maps = video && audio ? ['-map', '0:v:0', '-map', '1:a:0'] : [];
  await runFfmpeg({
    args: [
      ...inputs,
      ...maps,
      ...['-c', 'copy', '-map_metadata', '-1'],
      ...['-output_ts_offset', micro(hlsTimeBase + start), '-muxdelay', '0', '-muxpreload', '0'],
      // The stream tables once, at the segment's start where a player joining there needs them,
      // instead of every 0.1 s (PAT, PMT) and 0.5 s (SDT): 361 kB → 341 kB for a 5 s personal segment.
      ...['-pat_period', '30', '-sdt_period', '30'],
      ...['-f', 'mpegts', '-y', options.output],
    ],
    signal: options.signal,
  });
}
