import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';
import { openLocalPublisher } from '../../server/publish/open-local-publisher.ts';
import { publishSiteAssets } from '../../server/publish/publish-site-assets.ts';
import { makeMicrosite } from '../../server/render/make-microsite.ts';

const compositorDir = path.dirname(
  createRequire(import.meta.url).resolve('@remotion/compositor-linux-x64-gnu/package.json'),
);

/** A real H.264 MP4 of `seconds` seconds (grey frames of changing shade), encoded by Remotion's ffmpeg from PNG frames. */
export async function makeTestVideo(options: { file: string; seconds: number }): Promise<void> {
  const fps = 10;
  const frameDir = `${options.file}.frames`;
  await fs.mkdir(frameDir, { recursive: true });
  for (let frame = 0; frame < options.seconds * fps; frame += 1) {
    const shade = (frame * 7) % 256;
    await sharp({ create: { width: 160, height: 90, channels: 3, background: { r: shade, g: shade, b: shade } } })
      .png()
      .toFile(path.join(frameDir, `${String(frame).padStart(4, '0')}.png`));
  }
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-framerate',
    String(fps),
    '-i',
    path.join(frameDir, '%04d.png'),
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    options.file,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(compositorDir, 'ffmpeg'), args, {
      env: { ...process.env, LD_LIBRARY_PATH: compositorDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
  await fs.rm(frameDir, { recursive: true, force: true });
}

/** Publishes the real page of a gentle-reminder recipient with a test video into `siteDir` (no render). */
export async function publishTestPage(options: {
  siteDir: string;
  token: string;
  example: Record<string, unknown>;
  trackBase: string;
  video: string;
}): Promise<void> {
  const publisher = openLocalPublisher({ root: options.siteDir });
  const assets = await publishSiteAssets({ publisher });
  const record = gentleReminder.schema.parse(options.example);
  const html = await makeMicrosite({
    template: gentleReminder,
    record,
    token: options.token,
    trackBase: options.trackBase,
    assets,
  });
  const dir = path.join(options.siteDir, 'r', options.token);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'index.html'), html);
  await fs.copyFile(options.video, path.join(dir, 'video.mp4'));
  await fs.writeFile(path.join(dir, 'captions.vtt'), 'WEBVTT\n');
  await sharp({ create: { width: 160, height: 90, channels: 3, background: '#10324a' } })
    .jpeg()
    .toFile(path.join(dir, 'poster.jpg'));
}
