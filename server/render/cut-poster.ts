import fs from 'node:fs/promises';
import sharp from 'sharp';
import { runFfmpeg } from './run-ffmpeg.ts';
import { writePosterThumbnail } from './write-poster-thumbnail.ts';

/**
 * The poster (JPEG) and its 640px WebP thumbnail, cut from the rendered MP4 at `frame` — far
 * cheaper than drawing the frame again in a browser tab.
 */
export async function cutPoster(options: {
  video: string;
  frame: number;
  fps: number;
  poster: string;
  thumbnail: string;
  signal?: AbortSignal;
}): Promise<void> {
  const still = `${options.poster}.png`;
  // Half a frame early: ffmpeg starts at the first frame at or after the time, and that is `frame`.
  const seconds = Math.max(0, (options.frame - 0.5) / options.fps);
  try {
    await runFfmpeg({
      args: ['-ss', seconds.toFixed(4), '-i', options.video, '-frames:v', '1', '-y', still],
      signal: options.signal,
    });
    await sharp(still).jpeg({ quality: 85 }).toFile(options.poster);
    await writePosterThumbnail({ poster: options.poster, thumbnail: options.thumbnail });
  } finally {
    await fs.rm(still, { force: true });
  }
}
