import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { runCli } from './helpers/run-cli.ts';

// `kindly render --render on-open`: every page goes out live at once, and before the command exits
// the shared intro, outro and sound are in the machine's segment cache for the first opens.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let out: string;
let render: Awaited<ReturnType<typeof runCli>>;

/** The entries of a segment folder (`<shard>/<key>`). */
const listSegments = async (dir: string) => {
  const shards = (await fs.readdir(dir)).filter((name) => /^[0-9a-f]{2}$/.test(name));
  return (await Promise.all(shards.map((shard) => fs.readdir(path.join(dir, shard))))).flat();
};

beforeAll(async () => {
  temp = await makeTempDir('cli-render-on-open');
  out = path.join(temp.dir, 'out');
  const records = path.join(temp.dir, 'records.csv');
  await fs.writeFile(
    records,
    'id,name,amount,due_date,invoice\n1,Anna Rossi,120.50,2027-01-31,F-1\n2,Bruno Neri,80.00,2027-02-28,F-2\n',
  );
  render = await runCli({
    args: ['render', '--template', 'gentle-reminder', '--records', records, '--out', out, '--render', 'on-open'],
    env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data') },
    timeoutMs: 500_000,
  });
}, 600_000);

afterAll(async () => {
  await temp?.remove();
});

describe('kindly render --render on-open', () => {
  it('publishes every page live with no video, then has the shared segments made before it exits', async () => {
    expect(render.stderr).not.toContain('kindly:');
    expect(render.code).toBe(0);
    expect(render.stdout).toContain('published 2, failed 0');
    expect(render.stdout).toContain('shared intro, outro and sound ahead of the first opens');
    const pages = path.join(out, 'site', 'r');
    for (const token of await fs.readdir(pages)) {
      const files = await fs.readdir(path.join(pages, token));
      expect(files).toContain('index.html');
      expect(files.filter((name) => /\.(mp4|ts|m3u8)$/.test(name))).toEqual([]);
    }
    // The intro's and outro's pictures and the three stretches of sound (5), besides the look's neutral poster and thumbnail (2).
    expect((await listSegments(path.join(temp.dir, 'data', 'segments'))).length).toBeGreaterThanOrEqual(7);
  });
});
