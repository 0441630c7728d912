import type { X264Preset } from '@remotion/renderer';

/**
 * How every chunk is encoded. Part of each segment's cache key: a chunk encoded one way must
 * never be joined with chunks encoded another way.
 */
export type RenderSettings = {
  width: number;
  height: number;
  fps: number;
  scale: number;
  codec: 'h264-ts';
  audioCodec: 'aac';
  sampleRate: number;
  imageFormat: 'jpeg';
  jpegQuality: number;
  crf: number;
  x264Preset: X264Preset;
  /** x264 options over the preset's (ffmpeg's `-x264-params`). */
  x264Params: string;
  pixelFormat: 'yuv420p';
};

/**
 * The settings of a template's renders: Remotion's defaults (crf 18, jpeg 80) but x264's `faster`
 * preset. Chunks are encoded after their frames, not alongside, so encoding is on the critical
 * path. Measured on two cores against a full `medium` render of the same record: `medium` 47.9 dB
 * PSNR and 9.6 s per recipient, `faster` 46.8 dB and 9.2 s, `veryfast` 45.6 dB (too close to
 * the 45 dB floor) and 8.8 s.
 *
 * `subme=2` (the preset has 4): x264 costs ~6 ms of CPU per 1280×720 frame even when the frame
 * repeats the one before (a held picture), and most of that is sub-pixel refinement. On the
 * 150 frames of gentle-reminder's personal chunk (61 pictures, the rest held), against the
 * pictures drawn: subme 4 1.24 CPU s, 46.93 dB, 356 kB; subme 2 0.89 CPU s, 46.89 dB, 353 kB;
 * subme 1 0.86 s, 46.62 dB; `veryfast` 0.83 s but 44.92 dB. A personal render costs ~4.6 CPU s
 * in all (see docs/performance.md, "One personal render").
 */
export function makeRenderSettings(options: {
  width: number;
  height: number;
  fps: number;
  x264Preset?: X264Preset;
}): RenderSettings {
  return {
    width: options.width,
    height: options.height,
    fps: options.fps,
    scale: 1,
    codec: 'h264-ts',
    audioCodec: 'aac',
    sampleRate: 48_000,
    imageFormat: 'jpeg',
    jpegQuality: 80,
    crf: 18,
    x264Preset: options.x264Preset ?? 'faster',
    x264Params: 'subme=2',
    pixelFormat: 'yuv420p',
  };
}
