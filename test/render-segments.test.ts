import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { openRenderer, type RenderedMedia, type Renderer } from '../server/render/open-renderer.ts';
import type { SegmentEvent } from '../server/render/render-context.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { comparePictures, readPcm, readVideoFrames } from './helpers/decode-media.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { renderFullVideo } from '../scripts/lib/render-full-video.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const browserExecutable = findBrowser({ configured: process.env.KINDLY_BROWSER }) ?? null;
const maria = gentleReminder.schema.parse(gentleReminder.examples[0]);
// Same personal values, another debtor: only fields no scene reads differ.
const mariaTwin = gentleReminder.schema.parse({
  ...gentleReminder.examples[0],
  id: 'CUST-2001',
  email: 'twin@example.com',
  phone: '+39 333 000 0000',
});
const giulia = gentleReminder.schema.parse({ ...gentleReminder.examples[0], id: 'CUST-2002', name: 'Giulia Romano' });

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let renderer: Renderer;
let events: SegmentEvent[] = [];
let segmented: RenderedMedia;
let full: string;
const cacheDir = () => path.join(temp.dir, 'segments');

/** Entries in the folder cache: one folder per key under a two-letter fan-out folder. */
async function countEntries(): Promise<number> {
  const fanOut = (await fs.readdir(cacheDir())).filter((name) => !name.startsWith('.'));
  const counts = await Promise.all(fanOut.map(async (name) => (await fs.readdir(path.join(cacheDir(), name))).length));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Sample index in interleaved stereo PCM at 48 kHz of a frame's start. */
const sampleAt = (frame: number) => Math.round((frame / template.fps) * 48_000) * 2;

beforeAll(async () => {
  temp = await makeTempDir('render-segments');
  const serveUrl = await makeBundle();
  renderer = await openRenderer({
    template,
    browserExecutable: browserExecutable ?? undefined,
    serveUrl,
    segmentCacheDir: cacheDir(),
    onSegment: (event) => events.push(event),
  });
  segmented = await renderer.renderRecipient({ record: maria, workDir: path.join(temp.dir, 'maria') });
  full = path.join(temp.dir, 'full.mp4');
  await renderFullVideo({ serveUrl, template, record: maria, browserExecutable, output: full });
}, 240_000);

afterAll(async () => {
  await renderer?.close();
  await temp?.remove();
});

describe('a segmented render', () => {
  it('is an H.264/AAC MP4 with the index first and as many frames and seconds as a full render', async () => {
    const [mine, reference] = await Promise.all([ffprobe(segmented.video), ffprobe(full)]);
    const video = mine.streams.find((stream) => stream.codec_type === 'video');
    const fullVideo = reference.streams.find((stream) => stream.codec_type === 'video');
    expect(video).toMatchObject({
      codec_name: 'h264',
      width: 1280,
      height: 720,
      r_frame_rate: '30/1',
      nb_frames: '450',
    });
    expect(video?.nb_frames).toBe(fullVideo?.nb_frames);
    expect(Number(video?.duration)).toBeCloseTo(Number(fullVideo?.duration), 2);
    expect(mine.streams.find((stream) => stream.codec_type === 'audio')?.codec_name).toBe('aac');
    expect(Math.abs(Number(mine.format.duration) - Number(reference.format.duration))).toBeLessThan(1 / template.fps);
    const head = (await fs.readFile(segmented.video)).subarray(0, 64 * 1024).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(0);
    expect(head.indexOf('mdat') === -1 || head.indexOf('moov') < head.indexOf('mdat')).toBe(true);
  });

  it('looks like the full render (PSNR ≥ 45 dB), at and around every join too', async () => {
    const joins = [
      ...template.scenes.map((scene) => scene.from),
      ...events.filter((event) => event.kind === 'chunk').map((event) => event.from),
    ].filter((frame) => frame > 0);
    const near = new Set(joins.flatMap((frame) => [frame - 2, frame - 1, frame, frame + 1, frame + 2]));
    const mine = readVideoFrames({ file: segmented.video, width: 1280, height: 720 });
    const reference = readVideoFrames({ file: full, width: 1280, height: 720 });
    let frames = 0;
    const all = { mse: 0, worst: Infinity };
    const atJoins = { mse: 0, count: 0, worst: Infinity };
    for await (const a of mine) {
      const b = (await reference.next()).value;
      if (!b) throw new Error(`The full render ends before frame ${frames}`);
      const { mse, psnr } = comparePictures({ a, b });
      all.mse += mse;
      all.worst = Math.min(all.worst, psnr);
      if (near.has(frames)) {
        atJoins.mse += mse;
        atJoins.count += 1;
        atJoins.worst = Math.min(atJoins.worst, psnr);
      }
      frames += 1;
    }
    expect((await reference.next()).done).toBe(true);
    expect(frames).toBe(450);
    expect(atJoins.count).toBe(near.size);
    const psnrOf = (mse: number) => (mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse));
    expect(psnrOf(all.mse / frames), 'PSNR over all frames').toBeGreaterThanOrEqual(45);
    expect(psnrOf(atJoins.mse / atJoins.count), 'PSNR over the frames at the joins').toBeGreaterThanOrEqual(45);
    // Two H.264 encodes of the same pixels differ a little frame by frame (I-frames at chunk
    // starts); a wrong or shifted frame scores far lower, around 20–30 dB.
    expect(atJoins.worst, 'worst frame at a join').toBeGreaterThanOrEqual(40);
    expect(all.worst, 'worst frame').toBeGreaterThanOrEqual(40);
  });

  it('sounds like the full render, with no gap or click at any join', async () => {
    const [mine, reference] = await Promise.all([readPcm({ file: segmented.video }), readPcm({ file: full })]);
    expect(Math.abs(mine.length - reference.length)).toBeLessThanOrEqual(2 * 1024 * 2);
    const length = Math.min(mine.length, reference.length);
    let peak = 0;
    for (let index = 0; index < reference.length; index += 1) peak = Math.max(peak, Math.abs(reference[index] ?? 0));
    expect(peak).toBeGreaterThan(1000);
    const joins = events.filter((event) => event.kind === 'chunk' && event.from > 0).map((event) => event.from);
    for (const frame of joins) {
      // 50 ms either side of the join: a gap shows as silence or a shift, a click as a spike.
      const from = Math.max(0, sampleAt(frame) - 4800);
      const to = Math.min(length, sampleAt(frame) + 4800);
      let maxDiff = 0;
      let dot = 0;
      let energyA = 0;
      let energyB = 0;
      for (let index = from; index < to; index += 1) {
        const a = mine[index] ?? 0;
        const b = reference[index] ?? 0;
        maxDiff = Math.max(maxDiff, Math.abs(a - b));
        dot += a * b;
        energyA += a * a;
        energyB += b * b;
      }
      const correlation = dot / Math.sqrt(energyA * energyB || 1);
      expect({ frame, quiet: energyA === 0 }).toEqual({ frame, quiet: false });
      expect(correlation, `correlation at frame ${frame}`).toBeGreaterThan(0.999);
      expect(maxDiff, `largest sample difference at frame ${frame}`).toBeLessThanOrEqual(peak * 0.02);
    }
  });
});

describe('the poster', () => {
  it('is the poster frame, cut from the MP4 (not drawn again), and its WebP thumbnail 640 px wide', async () => {
    let wanted: Buffer | undefined;
    let other: Buffer | undefined;
    let index = 0;
    for await (const frame of readVideoFrames({ file: full, width: 1280, height: 720 })) {
      if (index === template.posterFrame) wanted = Buffer.from(frame);
      if (index === 10) other = Buffer.from(frame);
      index += 1;
    }
    const poster = await sharp(segmented.poster).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(poster.info).toMatchObject({ width: 1280, height: 720, channels: 3 });
    const same = comparePictures({ a: poster.data, b: wanted! });
    const intro = comparePictures({ a: poster.data, b: other! });
    console.log(
      `poster vs frame ${template.posterFrame} of the full render: ${same.psnr.toFixed(1)} dB (vs the intro: ${intro.psnr.toFixed(1)} dB)`,
    );
    expect(same.psnr).toBeGreaterThanOrEqual(38);
    expect(intro.psnr).toBeLessThan(25);
    expect((await sharp(segmented.thumbnail).metadata()).width).toBe(640);
  });
});

describe('the segment cache', () => {
  it('renders nothing new for a recipient with the same personal values', async () => {
    const before = await countEntries();
    events = [];
    const media = await renderer.renderRecipient({ record: mariaTwin, workDir: path.join(temp.dir, 'twin') });
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((event) => event.rendered)).toEqual([]);
    expect(await countEntries()).toBe(before);
    const probe = await ffprobe(media.video);
    expect(probe.streams.find((stream) => stream.codec_type === 'video')?.nb_frames).toBe('450');
  }, 60_000);

  it('draws only the personal chunks again for a different name; still pictures are held, the sound is shared', async () => {
    const before = await countEntries();
    events = [];
    const media = await renderer.renderRecipient({ record: giulia, workDir: path.join(temp.dir, 'giulia') });
    const personal = template.scenes.filter((scene) => scene.reads.includes('name'));
    const showsName = (event: SegmentEvent) =>
      personal.some((scene) => scene.from < event.to && event.from < scene.from + scene.durationInFrames);
    const chunks = events.filter((event) => event.kind === 'chunk');
    expect(chunks.filter((event) => event.rendered)).toEqual(chunks.filter(showsName));
    expect(chunks.filter((event) => !event.rendered).length).toBeGreaterThan(0);
    // The scenes go still, so chunks draw their pictures apart from the sound, which reads no field.
    const sounds = events.filter((event) => event.kind === 'sound');
    expect(sounds).toHaveLength(chunks.length);
    expect(sounds.filter((event) => event.rendered)).toEqual([]);
    // The poster is cut from the MP4, not drawn again.
    expect(events.filter((event) => event.kind === 'poster')).toEqual([]);
    expect(await countEntries()).toBe(before + events.filter((event) => event.rendered).length);
    const probe = await ffprobe(media.video);
    expect(probe.streams.find((stream) => stream.codec_type === 'video')?.nb_frames).toBe('450');
  }, 120_000);
});
