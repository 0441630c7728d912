import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeAnimatedThumbnail, maxThumbnailBytes } from '../server/render/make-animated-thumbnail.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { openRenderer, type RenderedMedia, type Renderer } from '../server/render/open-renderer.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { comparePictures } from './helpers/decode-media.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const maria = gentleReminder.schema.parse(gentleReminder.examples[0]);

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let renderer: Renderer;
let media: RenderedMedia;

const raw = (image: sharp.Sharp) => image.removeAlpha().raw().toBuffer({ resolveWithObject: true });

beforeAll(async () => {
  temp = await makeTempDir('render-thumbnail');
  renderer = await openRenderer({
    template,
    browserExecutable: findBrowser({ configured: process.env.KINDLY_BROWSER }),
    serveUrl: await makeBundle(),
    segmentCacheDir: path.join(temp.dir, 'segments'),
  });
  media = await renderer.renderRecipient({ record: maria, workDir: path.join(temp.dir, 'maria') });
}, 900_000);

afterAll(async () => {
  await renderer?.close();
  await temp?.remove();
});

describe('the animated e-mail thumbnail made with every video', () => {
  it('is a looping GIF under 1 MB of a few seconds, first frame held', async () => {
    const file = media.animatedThumbnail ?? '';
    const { size } = await fs.stat(file);
    const meta = await sharp(file, { animated: true }).metadata();
    const seconds = (meta.delay ?? []).reduce((sum, delay) => sum + delay, 0) / 1000;
    console.log(
      `thumb.gif: ${size} bytes, ${meta.pages} frames, ${meta.width}×${meta.pageHeight}, ${seconds} s per loop`,
    );
    expect(meta.format).toBe('gif');
    expect(size).toBeLessThanOrEqual(maxThumbnailBytes);
    expect(meta.width).toBe(480);
    expect(meta.pageHeight).toBe(270);
    expect(meta.pages).toBeGreaterThanOrEqual(10);
    expect(meta.loop).toBe(0);
    expect(meta.delay?.[0]).toBe(1500);
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThanOrEqual(6);
  });

  it('shows the readable poster as its first frame, with a play badge below the text', async () => {
    const file = media.animatedThumbnail ?? '';
    const first = await raw(sharp(file, { page: 0 }));
    const poster = await raw(sharp(media.poster).resize({ width: 480, height: 270 }));
    const { width, height } = first.info;
    const band = (data: Buffer, top: number, rows: number) => data.subarray(top * width * 3, (top + rows) * width * 3);
    // Above the badge the first frame is the poster (GIF palette aside)…
    expect(comparePictures({ a: band(first.data, 0, 200), b: band(poster.data, 0, 200) }).psnr).toBeGreaterThan(28);
    // …and at the badge it is not: a white triangle on a dark disc, centred at the bottom.
    const at = (x: number, y: number) => [...first.data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
    const badge = Math.round(480 * 0.11);
    const middle = height - badge - Math.round(height * 0.04) + Math.round(badge / 2);
    expect(Math.min(...at(242, middle))).toBeGreaterThan(220);
    expect(Math.max(...at(240 - Math.round(badge * 0.33), middle))).toBeLessThan(90);
    // The clip before it is the scene building up, so the loop is animated.
    const building = await raw(sharp(file, { page: 3 }));
    expect(comparePictures({ a: band(building.data, 0, 200), b: band(poster.data, 0, 200) }).psnr).toBeLessThan(25);
  });

  it('costs little next to the render: made from the MP4, not rendered again', async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const again = await makeAnimatedThumbnail({
      video: media.video,
      poster: media.poster,
      output: path.join(temp.dir, 'again.gif'),
      workDir: path.join(temp.dir, 'again'),
      clip: { fromSeconds: 3, seconds: 2 },
    });
    const used = process.cpuUsage(cpu);
    console.log(
      `thumb.gif made in ${((performance.now() - started) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU in this process: ${again.bytes} bytes, ${again.frames} frames`,
    );
    expect(again.bytes).toBeLessThanOrEqual(maxThumbnailBytes);
    // The poster, then 2 s at 8 frames a second (ffmpeg may keep a frame more at either end).
    expect(again.frames).toBeGreaterThanOrEqual(17);
    expect(again.frames).toBeLessThanOrEqual(19);
  });
});
