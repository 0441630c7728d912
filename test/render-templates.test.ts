import fs from 'node:fs/promises';
import path from 'node:path';
import { renderStill, selectComposition } from '@remotion/renderer';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { openRenderer, type RenderedMedia } from '../server/render/open-renderer.ts';
import type { SegmentEvent } from '../server/render/render-context.ts';
import { brandKitSchema } from '../templates/brand/brand-kit.ts';
import { findTemplate } from '../templates/registry.ts';
import type { BaseRecord, TemplateDefinition } from '../templates/template-definition.ts';
import { readVideoFrames } from './helpers/decode-media.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const browserExecutable = findBrowser({ configured: process.env.KINDLY_BROWSER }) ?? undefined;
const instalmentOffer = findTemplate('instalment-offer') as TemplateDefinition;
const finalNotice = findTemplate('friendly-final-notice') as TemplateDefinition;
const redLogo =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="50" fill="#e00000"/></svg>';
const brand = brandKitSchema.parse({
  senderName: 'Lumen Gas',
  payProviderLabel: 'Payments by Nexi',
  logo: `data:image/svg+xml;base64,${Buffer.from(redLogo).toString('base64')}`,
  colors: { primary: '#0b5d1e', onPrimary: '#ffffff', accent: '#8a3c00', background: '#f7f3e8', text: '#1b1b1b' },
  font: 'inter',
});

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let serveUrl: string;
const rendered: Record<string, { media: RenderedMedia; events: SegmentEvent[] }> = {};

/** Renders each record with one renderer of the template (one browser), keeping its media and segment events by name. */
async function render(options: { template: TemplateDefinition; records: Record<string, BaseRecord> }) {
  let events: SegmentEvent[] = [];
  const renderer = await openRenderer({
    template: options.template,
    browserExecutable,
    serveUrl,
    segmentCacheDir: path.join(temp.dir, 'segments'),
    onSegment: (event) => events.push(event),
  });
  try {
    for (const [name, record] of Object.entries(options.records)) {
      events = [];
      const media = await renderer.renderRecipient({ record, workDir: path.join(temp.dir, name) });
      rendered[name] = { media, events };
    }
  } finally {
    await renderer.close();
  }
}

/** One decoded frame (rgb24) of a video; decodes to the end so ffmpeg finishes cleanly. */
async function frameAt(file: string, wanted: number): Promise<Buffer> {
  let index = 0;
  let found: Buffer | undefined;
  for await (const frame of readVideoFrames({ file, width: 1280, height: 720 })) {
    if (index === wanted) found = Buffer.from(frame);
    index += 1;
  }
  if (!found) throw new Error(`${file} has no frame ${wanted}`);
  return found;
}

const pixel = (frame: Buffer, x: number, y: number) => [...frame.subarray((y * 1280 + x) * 3, (y * 1280 + x) * 3 + 3)];
const countRed = (frame: Buffer) => {
  let count = 0;
  for (let offset = 0; offset < frame.length; offset += 3)
    if (frame[offset]! > 200 && frame[offset + 1]! < 60 && frame[offset + 2]! < 60) count += 1;
  return count;
};

async function expectPlayableVideo(media: RenderedMedia) {
  const probe = await ffprobe(media.video);
  const video = probe.streams.find((stream) => stream.codec_type === 'video');
  expect(video).toMatchObject({ codec_name: 'h264', width: 1280, height: 720, r_frame_rate: '30/1', nb_frames: '450' });
  expect(probe.streams.find((stream) => stream.codec_type === 'audio')?.codec_name).toBe('aac');
  expect(Number(probe.format.duration)).toBeCloseTo(15, 1);
  const poster = await fs.stat(media.poster);
  expect(poster.size).toBeGreaterThan(5_000);
}

let plainIntro: Buffer;

/** One frame of the composition rendered as a still (Remotion's renderStill), as rgb24 like a decoded video frame. */
async function renderStillFrame(options: {
  template: TemplateDefinition;
  record: BaseRecord;
  frame: number;
}): Promise<Buffer> {
  const inputProps = options.record as unknown as Record<string, unknown>;
  const composition = await selectComposition({
    serveUrl,
    id: options.template.id,
    inputProps,
    browserExecutable,
    logLevel: 'error',
    timeoutInMilliseconds: 120_000,
  });
  const output = path.join(temp.dir, `still-${options.frame}.png`);
  await renderStill({
    composition,
    serveUrl,
    inputProps,
    frame: options.frame,
    output,
    browserExecutable,
    logLevel: 'error',
    timeoutInMilliseconds: 120_000,
  });
  return sharp(output).removeAlpha().raw().toBuffer();
}

beforeAll(async () => {
  temp = await makeTempDir('render-templates');
  serveUrl = await makeBundle();
  const maria = instalmentOffer.schema.parse(instalmentOffer.examples[0]);
  // Renders are slow on two cores: one real render per template, the unbranded look of the same record as a still.
  await render({ template: instalmentOffer, records: { 'offer-branded': { ...maria, brand } as BaseRecord } });
  await render({ template: finalNotice, records: { notice: finalNotice.schema.parse(finalNotice.examples[0]) } });
  plainIntro = await renderStillFrame({ template: instalmentOffer, record: maria, frame: 45 });
}, 1_200_000);

afterAll(async () => {
  await temp?.remove();
});

describe('instalment-offer renders', () => {
  it('as a 15 s 1280×720 H.264/AAC video of 450 frames, with poster and captions, its shared and personal chunks rendered', async () => {
    const { media, events } = rendered['offer-branded']!;
    await expectPlayableVideo(media);
    const chunks = events.filter((event) => event.kind === 'chunk');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((event) => event.rendered)).toBe(true);
    const captions = await fs.readFile(media.captions, 'utf8');
    expect(captions).toContain('Ciao Maria Concetta Esposito-Buonaccorsi,');
    expect(captions).toContain('3 rate da 411,50\u00a0€ · 6 rate da 205,75\u00a0€ · 12 rate da 102,88\u00a0€');
  });

  it("with a brand kit: its frames show the brand's background, logo and sender instead of the reference look", async () => {
    const { media } = rendered['offer-branded']!;
    // Frame 45: the shared intro, fully in; frame 420: the outro.
    const brandedIntro = await frameAt(media.video, 45);
    const corner = pixel(brandedIntro, 8, 8);
    [247, 243, 232].forEach((value, channel) =>
      expect(Math.abs(corner[channel]! - value), `corner channel ${channel}: ${corner}`).toBeLessThanOrEqual(6),
    );
    expect(Math.abs(pixel(plainIntro, 8, 8)[0]! - 247), `reference corner ${pixel(plainIntro, 8, 8)}`).toBeGreaterThan(
      100,
    );
    expect(countRed(brandedIntro), 'red logo pixels').toBeGreaterThan(5_000);
    expect(countRed(plainIntro), 'red pixels without the brand').toBeLessThan(100);
    const outroFrame = await frameAt(media.video, 420);
    expect(pixel(outroFrame, 8, 8)[0]).toBeGreaterThan(230);
    const captions = await fs.readFile(media.captions, 'utf8');
    expect(captions).toContain('un messaggio da Lumen Gas');
  });
});

describe('friendly-final-notice renders', () => {
  it('as a 15 s 1280×720 H.264/AAC video of 450 frames in its neutral tone', async () => {
    const { media } = rendered.notice!;
    await expectPlayableVideo(media);
    const captions = await fs.readFile(media.captions, 'utf8');
    expect(captions).toContain('Final notice\nDear Oliver Bennett, despite earlier reminders');
    expect(captions).toContain('Amount: £1,250.00 · Due date: 28 February 2027');
  });
});
