import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { spawnKindly, type KindlyProcess } from './helpers/spawn-kindly.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// `kindly demo` (what `npm start` runs) as a newcomer meets it: one real process on the embedded
// store that renders the example records, publishes them, serves them and prints the links.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let out: string;
let port: number;
let demo: KindlyProcess | undefined;

beforeAll(async () => {
  temp = await makeTempDir('cli-demo');
  out = path.join(temp.dir, 'demo-out');
  port = await getFreePort();
  demo = spawnKindly({
    args: ['demo', '--out', out],
    env: {
      KINDLY_DATA_DIR: path.join(temp.dir, 'data'),
      KINDLY_PORT: String(port),
      KINDLY_API_KEY: '',
      KINDLY_LOG_LEVEL: 'silent',
    },
  });
  // The whole campaign renders before the links are printed: allow for a busy two-core machine.
  await demo.waitFor('Press Ctrl+C to stop.', 1_500_000);
}, 1_600_000);

afterAll(async () => {
  demo?.kill('SIGKILL');
  await demo?.exited;
  await temp?.remove();
});

const printedLinks = () =>
  [...(demo?.output() ?? '').matchAll(/^ {2}(\S+) {2}(http:\/\/\S+)$/gm)].map((match) => ({
    id: match[1]!,
    url: match[2]!,
  }));

describe('kindly demo', { timeout: 300_000 }, () => {
  it('publishes one personal link per example record, printed and written to links.csv', async () => {
    const links = parse(await fs.readFile(path.join(out, 'links.csv'), 'utf8'), { columns: true }) as {
      id: string;
      url: string;
    }[];
    expect(links.map((link) => link.id)).toEqual(gentleReminder.examples.map((example) => example.id));
    expect(printedLinks()).toEqual(links.map((link) => ({ id: link.id, url: link.url })));
    for (const link of links) expect(link.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/r/[\\w-]+/$`));
    const summary = JSON.parse(await fs.readFile(path.join(out, 'campaign.json'), 'utf8')) as {
      counts: Record<string, number>;
    };
    const count = gentleReminder.examples.length;
    expect(summary.counts).toMatchObject({ read: count, accepted: count, rejected: 0, published: count, failed: 0 });
  });

  it('serves every personal page and its video, and each video is one ffprobe reads', async () => {
    for (const { url } of printedLinks()) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const video = await fetch(new URL('video.mp4', url));
      expect(video.status).toBe(200);
      await video.body?.cancel();
      const probe = await ffprobe(path.join(out, 'site', new URL(url).pathname, 'video.mp4'));
      expect(probe.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
      expect(Number(probe.format.duration)).toBeGreaterThan(5);
    }
  });

  it('answers the stats call it prints, with the key it prints, and refuses it without', async () => {
    const call = /curl -H 'Authorization: Bearer ([\w-]+)' (\S+)/.exec(demo?.output() ?? '');
    expect(call).not.toBeNull();
    const [, key, statsUrl] = call!;
    expect(statsUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/api/campaigns/[\\w-]+/stats$`));
    const stats = (await (await fetch(statsUrl!, { headers: { authorization: `Bearer ${key}` } })).json()) as {
      counts: Record<string, number>;
    };
    expect(stats.counts).toMatchObject({ published: gentleReminder.examples.length, failed: 0 });
    expect((await fetch(statsUrl!)).status).toBe(401);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    demo?.kill('SIGTERM');
    expect(await demo?.exited).toBe(0);
    demo = undefined;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
