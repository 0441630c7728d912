import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { runCli } from './helpers/run-cli.ts';

// `kindly render --video hls` from a records file to a published site: the campaign's option
// reaches the render, the publishing and the page.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let out: string;
let render: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  temp = await makeTempDir('cli-hls');
  out = path.join(temp.dir, 'out');
  const records = path.join(temp.dir, 'records.csv');
  await fs.writeFile(records, 'id,name,amount,due_date,invoice\n1,Anna Rossi,120.50,2027-01-31,F-1\n');
  render = await runCli({
    args: ['render', '--template', 'gentle-reminder', '--records', records, '--out', out, '--video', 'hls'],
    env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data') },
    timeoutMs: 500_000,
  });
}, 600_000);

afterAll(async () => {
  await temp?.remove();
});

describe('kindly render --video hls', () => {
  it('publishes the recipient as playlists over shared segments and their own, with no MP4', async () => {
    expect(render.stderr).not.toContain('kindly:');
    expect(render.code).toBe(0);
    expect(render.stdout).toContain('published 1, failed 0');
    const site = path.join(out, 'site');
    const [token] = await fs.readdir(path.join(site, 'r'));
    const page = path.join(site, 'r', token!);
    const files = await fs.readdir(page);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'video.m3u8',
        'picture.m3u8',
        'part-1.ts',
        'captions.m3u8',
        'captions.vtt',
      ]),
    );
    // The captions play as the stream's subtitles.
    expect(await fs.readFile(path.join(page, 'video.m3u8'), 'utf8')).toContain('SUBTITLES="subs"');
    expect(files.filter((name) => name.endsWith('.mp4'))).toEqual([]);
    expect((await fs.readdir(path.join(site, 'assets', 'hls'))).length).toBeGreaterThanOrEqual(3);
    // The page asks for blob: media (and data:, hls.js's empty text track source) only because it plays HLS.
    expect(await fs.readFile(path.join(page, 'index.html'), 'utf8')).toMatch(/media-src (&#x27;)self\1 data: blob:/);
    const probe = await ffprobe(path.join(page, 'video.m3u8'));
    expect(probe.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
  });
});
