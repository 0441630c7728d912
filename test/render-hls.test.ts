import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { getMediaFolder, publishRecipient, recipientPrefix } from '../server/publish/publish-recipient.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { openRenderer, type Renderer } from '../server/render/open-renderer.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { comparePictures, readPcm, readVideoFrames } from './helpers/decode-media.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { renderFullVideo } from '../scripts/lib/render-full-video.ts';

// Two recipients of one locale with different names: the intro and outro chunks are shared, the
// middle one (name, amount) is each one's own. gentle-reminder's sound reads no field.
const template = gentleReminder as unknown as TemplateDefinition;
const browserExecutable = findBrowser({ configured: process.env.KINDLY_BROWSER }) ?? null;
const maria = gentleReminder.schema.parse(gentleReminder.examples[0]);
const giulia = gentleReminder.schema.parse({ ...gentleReminder.examples[0], id: 'CUST-2002', name: 'Giulia Romano' });
const recipients = [
  { token: 'hlsmaria0123456789', record: maria, folder: '' },
  // Gated: her playlists and personal segment sit in the folder only the sealed payload names.
  { token: 'hlsgiulia012345678', record: giulia, folder: getMediaFolder({ gateShare: 'gate-share-of-giulia' }) },
];
const joins = [150, 300];

// The same template if its soundtrack read personal fields: the sound then travels in the segments.
const soundfulToken = 'hlsmariasound01234';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let renderer: Renderer;
let soundfulRenderer: Renderer;
let full: string;
let joined: string;
let joinedCaptions: string;
const site = () => path.join(temp.dir, 'site');
const mediaDir = (index: number) =>
  path.join(site(), recipientPrefix(recipients[index]!.token), recipients[index]!.folder);
const master = (index: number) => path.join(mediaDir(index), 'video.m3u8');

/** The segment addresses a playlist lists, resolved to files of the site. */
async function listSegments(playlist: string): Promise<string[]> {
  const text = await fs.readFile(playlist, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((uri) => path.resolve(path.dirname(playlist), uri));
}

/** The sound playlist a master playlist names, resolved. */
async function findSoundPlaylist(playlist: string): Promise<string | undefined> {
  const uri = /TYPE=AUDIO,.*URI="([^"]+)"/.exec(await fs.readFile(playlist, 'utf8'))?.[1];
  return uri && path.resolve(path.dirname(playlist), uri);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

beforeAll(async () => {
  temp = await makeTempDir('render-hls');
  const serveUrl = await makeBundle();
  renderer = await openRenderer({
    template,
    browserExecutable: browserExecutable ?? undefined,
    serveUrl,
    segmentCacheDir: path.join(temp.dir, 'segments'),
  });
  const publisher = openLocalPublisher({ root: site() });
  for (const { token, record, folder } of recipients) {
    const workDir = path.join(temp.dir, token);
    const media = await renderer.renderRecipient({ record, workDir, delivery: 'hls' });
    await publishRecipient({
      publisher,
      token,
      media,
      html: '<!doctype html><title>Page</title>',
      mediaFolder: folder,
    });
  }
  soundfulRenderer = await openRenderer({
    template: { ...template, soundReads: undefined },
    browserExecutable: browserExecutable ?? undefined,
    serveUrl,
    segmentCacheDir: path.join(temp.dir, 'segments'),
  });
  const media = await soundfulRenderer.renderRecipient({
    record: maria,
    workDir: path.join(temp.dir, soundfulToken),
    delivery: 'hls',
  });
  await publishRecipient({ publisher, token: soundfulToken, media, html: '<!doctype html><title>Page</title>' });
  // The same recipient as one MP4 (from the cached chunks: only the join runs) and the full render.
  const mp4 = await renderer.renderRecipient({ record: maria, workDir: path.join(temp.dir, 'maria-mp4') });
  joined = mp4.video;
  joinedCaptions = mp4.captions;
  full = path.join(temp.dir, 'full.mp4');
  await renderFullVideo({ serveUrl, template, record: maria, browserExecutable, output: full });
}, 300_000);

afterAll(async () => {
  await renderer?.close();
  await soundfulRenderer?.close();
  await temp?.remove();
});

describe('an HLS campaign', () => {
  it('publishes shared segments once, by content address, and only personal segments and playlists per recipient', async () => {
    const [mine, hers] = await Promise.all([
      listSegments(path.join(mediaDir(0), 'picture.m3u8')),
      listSegments(path.join(mediaDir(1), 'picture.m3u8')),
    ]);
    const shared = path.join(site(), 'assets', 'hls');
    // Intro and outro: the same published files in both playlists; the middle: each one's own.
    expect(mine).toHaveLength(3);
    expect([mine[0], mine[2]]).toEqual([hers[0], hers[2]]);
    expect([path.dirname(mine[0]!), path.dirname(mine[2]!)]).toEqual([shared, shared]);
    expect(mine[1]).toBe(path.join(mediaDir(0), 'part-1.ts'));
    expect(hers[1]).toBe(path.join(mediaDir(1), 'part-1.ts'));
    // The sound is one rendition for both, among the shared assets.
    const [soundOfMine, soundOfHers] = await Promise.all([findSoundPlaylist(master(0)), findSoundPlaylist(master(1))]);
    expect(soundOfMine).toBeDefined();
    expect(soundOfHers).toBe(soundOfMine);
    expect(path.dirname(soundOfMine!)).toBe(shared);
    const sound = await listSegments(soundOfMine!);
    expect(sound.map((file) => path.dirname(file))).toEqual([shared, shared, shared]);
    // Shared besides: the intro and outro with their sound inside, of the recipient whose soundtrack reads fields.
    const soundful = await listSegments(path.join(site(), recipientPrefix(soundfulToken), 'picture.m3u8'));
    expect((await listFiles(shared)).sort()).toEqual(
      [mine[0]!, mine[2]!, ...sound, soundOfMine!, soundful[0]!, soundful[2]!]
        .map((file) => path.relative(shared, file))
        .sort(),
    );
    // Beside each recipient: playlists, their one personal segment, poster, thumbnails, captions; no MP4.
    for (const index of [0, 1]) {
      const files = (await listFiles(mediaDir(index))).filter((name) => !name.endsWith('.html'));
      expect(files.filter((name) => /\.(ts|m3u8|mp4|vtt)$/.test(name)).sort()).toEqual([
        'captions.m3u8',
        'captions.vtt',
        'part-1.ts',
        'picture.m3u8',
        'video.m3u8',
      ]);
    }
    // Behind the gate, nothing of the media (captions included) is beside the static page.
    const besidePage = await listFiles(path.join(site(), recipientPrefix(recipients[1]!.token)));
    expect(besidePage.filter((name) => !name.includes(path.sep))).toEqual(['index.html']);
  });

  it('carries each recipient’s captions as the default subtitles rendition, on the segments’ clock', async () => {
    for (const [index, { record }] of recipients.entries()) {
      const playlist = await fs.readFile(master(index), 'utf8');
      expect(playlist).toContain(
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Italiano",LANGUAGE="it-IT",DEFAULT=YES,AUTOSELECT=YES,URI="captions.m3u8"',
      );
      expect(playlist).toMatch(/^#EXT-X-STREAM-INF:.*,AUDIO="sound",SUBTITLES="subs"$/m);
      // One WebVTT segment, as long as the video, beside the playlist: their own captions.
      const subtitles = path.join(mediaDir(index), 'captions.m3u8');
      expect(await fs.readFile(subtitles, 'utf8')).toBe(
        [
          '#EXTM3U',
          '#EXT-X-VERSION:3',
          '#EXT-X-TARGETDURATION:15',
          '#EXT-X-MEDIA-SEQUENCE:0',
          '#EXT-X-PLAYLIST-TYPE:VOD',
          '#EXT-X-INDEPENDENT-SEGMENTS',
          '#EXTINF:15.000000,',
          'captions.vtt',
          '#EXT-X-ENDLIST',
          '',
        ].join('\n'),
      );
      expect(await listSegments(subtitles)).toEqual([path.join(mediaDir(index), 'captions.vtt')]);
      const captions = await fs.readFile(path.join(mediaDir(index), 'captions.vtt'), 'utf8');
      expect(captions).toContain(`Ciao ${record.name},`);
      // Cue time 0 is where the picture starts on the segments' 90 kHz MPEG-TS clock.
      const map = /^WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:(\d+),LOCAL:00:00:00\.000\n\n1\n00:00:00\.000 --> /.exec(captions);
      const [first] = await listSegments(path.join(mediaDir(index), 'picture.m3u8'));
      const picture = (await ffprobe(first!)).streams.find((stream) => stream.codec_type === 'video');
      expect(Number(map?.[1])).toBe(Math.round(Number(picture?.start_time) * 90_000));
    }
    // An MP4 page's captions are plain WebVTT for its <track>, with the same cues.
    const plain = await fs.readFile(joinedCaptions, 'utf8');
    const stamped = await fs.readFile(path.join(mediaDir(0), 'captions.vtt'), 'utf8');
    expect(plain).toMatch(/^WEBVTT\n\n1\n/);
    expect(stamped.replace(/^X-TIMESTAMP-MAP=.*\n/m, '')).toBe(plain);
  });

  it('has segments and playlists ffprobe reads: H.264 pictures, AAC sound, as long as the template', async () => {
    const segments = [
      ...(await listSegments(path.join(mediaDir(0), 'picture.m3u8'))),
      ...(await listSegments((await findSoundPlaylist(master(0)))!)),
    ];
    const kinds = await Promise.all(
      segments.map(async (file) => (await ffprobe(file)).streams.map((stream) => stream.codec_name)),
    );
    expect(kinds).toEqual([['h264'], ['h264'], ['h264'], ['aac'], ['aac'], ['aac']]);
    for (const index of [0, 1]) {
      // Players set up decoding from the playlist: H.264 High (as encoded) and AAC-LC.
      expect(await fs.readFile(master(index), 'utf8')).toMatch(/CODECS="avc1\.64[0-9a-f]{4},mp4a\.40\.2"/);
      const probe = await ffprobe(master(index));
      expect(probe.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
        codec_name: 'h264',
        width: 1280,
        height: 720,
      });
      expect(probe.streams.find((stream) => stream.codec_type === 'audio')?.codec_name).toBe('aac');
      expect(Number(probe.format.duration)).toBeCloseTo(template.durationInFrames / template.fps, 1);
    }
  });

  it('plays seamlessly: every frame of the template, like the full render at the joins (PSNR)', async () => {
    const near = new Set(joins.flatMap((frame) => [frame - 2, frame - 1, frame, frame + 1, frame + 2]));
    const reference = readVideoFrames({ file: full, width: 1280, height: 720 });
    let frames = 0;
    const atJoins = { mse: 0, count: 0, worst: Infinity };
    for await (const picture of readVideoFrames({ file: master(0), width: 1280, height: 720 })) {
      const other = (await reference.next()).value;
      if (!other) throw new Error(`The full render ends before frame ${frames}`);
      if (near.has(frames)) {
        const { mse, psnr } = comparePictures({ a: picture, b: other });
        atJoins.mse += mse;
        atJoins.count += 1;
        atJoins.worst = Math.min(atJoins.worst, psnr);
      }
      frames += 1;
    }
    expect(frames).toBe(template.durationInFrames);
    expect(atJoins.count).toBe(near.size);
    expect(10 * Math.log10((255 * 255) / (atJoins.mse / atJoins.count)), 'PSNR at the joins').toBeGreaterThanOrEqual(
      45,
    );
    // A missing, doubled or shifted frame scores around 20–30 dB.
    expect(atJoins.worst, 'worst frame at a join').toBeGreaterThanOrEqual(40);
  }, 120_000);

  it('sounds like the joined MP4 sample for sample, and like the full render across the joins (no gap, no click)', async () => {
    const [streamed, mp4, reference] = await Promise.all([
      readPcm({ file: master(0) }),
      readPcm({ file: joined }),
      readPcm({ file: full }),
    ]);
    expect(streamed.length).toBe(mp4.length);
    expect(Buffer.from(streamed.buffer).equals(Buffer.from(mp4.buffer))).toBe(true);
    for (const frame of joins) {
      // 50 ms either side of the join, stereo at 48 kHz.
      const at = Math.round((frame / template.fps) * 48_000) * 2;
      const a = streamed.subarray(at - 4800, at + 4800);
      const b = reference.subarray(at - 4800, at + 4800);
      let dot = 0;
      let energyA = 0;
      let energyB = 0;
      a.forEach((sample, index) => {
        const other = b[index] ?? 0;
        dot += sample * other;
        energyA += sample * sample;
        energyB += other * other;
      });
      expect(energyA, `sound at frame ${frame}`).toBeGreaterThan(0);
      expect(dot / Math.sqrt(energyA * energyB), `correlation with the full render at frame ${frame}`).toBeGreaterThan(
        0.999,
      );
    }
  }, 60_000);

  it('carries a soundtrack that reads personal fields inside the segments, sounding the same', async () => {
    const playlist = path.join(site(), recipientPrefix(soundfulToken), 'video.m3u8');
    expect(await findSoundPlaylist(playlist)).toBeUndefined();
    const segments = await listSegments(path.join(path.dirname(playlist), 'picture.m3u8'));
    const kinds = await Promise.all(
      segments.map(async (file) => (await ffprobe(file)).streams.map((stream) => stream.codec_name).sort()),
    );
    expect(kinds).toEqual([
      ['aac', 'h264'],
      ['aac', 'h264'],
      ['aac', 'h264'],
    ]);
    // Intro and outro read no personal field, sound included: still shared.
    expect(segments.map((file) => path.basename(path.dirname(file)))).toEqual(['hls', soundfulToken, 'hls']);
    const [inside, apart] = await Promise.all([readPcm({ file: playlist }), readPcm({ file: master(0) })]);
    expect(inside.length).toBe(apart.length);
    expect(Buffer.from(inside.buffer).equals(Buffer.from(apart.buffer))).toBe(true);
  }, 60_000);
});
