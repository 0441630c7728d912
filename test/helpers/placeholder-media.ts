import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { RenderedMedia } from '../../server/render/open-renderer.ts';

const compositorDir = path.dirname(
  createRequire(import.meta.url).resolve('@remotion/compositor-linux-x64-gnu/package.json'),
);

/**
 * Stand-in media for page tests (renders are slow): a 15 s H.264/AAC MP4 of one picture made once with
 * Remotion's ffmpeg, a poster, a thumbnail and captions. The real pipeline has its own test.
 */
export async function makePlaceholderMedia(options: {
  dir: string;
  seconds: number;
  frame?: Buffer;
}): Promise<RenderedMedia> {
  await fs.mkdir(options.dir, { recursive: true });
  const file = (name: string) => path.join(options.dir, name);
  // `frame`: one real picture (e.g. a drawn frame of the composition) held for the whole video.
  const picture = options.frame
    ? sharp(options.frame).resize(640, 360)
    : sharp({ create: { width: 320, height: 180, channels: 3, background: '#204060' } });
  await picture.png().toFile(file('frame.png'));
  await sharp(file('frame.png')).jpeg().toFile(file('poster.jpg'));
  await sharp(file('frame.png')).webp().toFile(file('thumb.webp'));
  await fs.writeFile(file('captions.vtt'), 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n…\n');
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-framerate',
    '30',
    '-i',
    file('frame.png'),
    '-f',
    'lavfi',
    '-i',
    'anullsrc=r=48000:cl=stereo',
  ];
  args.push(
    '-t',
    String(options.seconds),
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    'ultrafast',
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
    file('video.mp4'),
  );
  await promisify(execFile)(path.join(compositorDir, 'ffmpeg'), args, {
    env: { ...process.env, LD_LIBRARY_PATH: compositorDir },
  });
  return {
    video: file('video.mp4'),
    poster: file('poster.jpg'),
    thumbnail: file('thumb.webp'),
    captions: file('captions.vtt'),
  };
}
