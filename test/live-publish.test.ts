import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePayloadSecret, openPayload } from '../templates/interactive/payload-crypto.ts';
import type { PageData, PersonalPayload } from '../templates/interactive/personal-payload.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { runCli } from './helpers/run-cli.ts';

// A live campaign through the operator's own command: every page published, nothing drawn per debtor.
const locales = [
  { locale: 'it-IT', currency: 'EUR' },
  { locale: 'en-GB', currency: 'GBP' },
];
const count = 24;
const rows = Array.from({ length: count }, (_, index) => {
  const { locale, currency } = locales[index % 2]!;
  return { id: `L-${index + 1}`, name: `Debtor ${index + 1} Surname`, locale, currency };
});

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let out: string;
let dataDir: string;
let stdout: string;
let links: { id: string; token: string }[];

const readPage = async (token: string) => {
  const html = await fs.readFile(path.join(out, 'site', 'r', token, 'index.html'), 'utf8');
  const data = JSON.parse(
    /<script type="application\/json" id="kindly-page">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null',
  ) as PageData;
  const payload = (await openPayload({ sealed: data.sealed, secret: makePayloadSecret({ token }) })) as PersonalPayload;
  return { html, payload };
};

beforeAll(async () => {
  temp = await makeTempDir('live-publish');
  out = path.join(temp.dir, 'out');
  dataDir = path.join(temp.dir, 'data');
  const records = path.join(temp.dir, 'records.csv');
  await fs.writeFile(
    records,
    [
      'id,name,amount,currency,due_date,invoice,locale,email',
      ...rows.map(
        (row, index) => `${row.id},${row.name},${120 + index}.50,${row.currency},2027-03-15,F-${index},${row.locale},`,
      ),
    ].join('\n'),
  );
  const result = await runCli({
    args: ['render', '--template', 'gentle-reminder', '--records', records, '--out', out, '--playback', 'live'],
    env: { KINDLY_DATA_DIR: dataDir },
  });
  expect(result.stderr).not.toMatch(/failed [1-9]/);
  expect(result.code).toBe(0);
  stdout = result.stdout;
  links = (await fs.readFile(path.join(out, 'links.csv'), 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id = '', url = ''] = line.split(',');
      return { id, token: /\/r\/([^/]+)\/$/.exec(url)?.[1] ?? '' };
    });
}, 600_000);

afterAll(async () => temp?.remove());

describe('a live campaign publishes every page without drawing anything per debtor', () => {
  it('publishes each record, and draws one poster and one e-mail thumbnail per locale, not per debtor', async () => {
    expect(stdout).toContain(`published ${count}, failed 0`);
    expect(links.map((link) => link.id)).toEqual(rows.map((row) => row.id));
    // The segment cache holds what was drawn: one neutral poster and one thumbnail per look (here a locale).
    const drawn: string[] = [];
    for (const shard of await fs.readdir(path.join(dataDir, 'segments')))
      for (const key of await fs.readdir(path.join(dataDir, 'segments', shard)))
        drawn.push(...(await fs.readdir(path.join(dataDir, 'segments', shard, key))));
    expect(drawn.sort()).toEqual(['poster.jpg', 'poster.jpg', 'thumb.gif', 'thumb.gif', 'thumb.webp', 'thumb.webp']);
    for (const { token } of links)
      expect((await fs.readdir(path.join(out, 'site', 'r', token))).sort()).toEqual(['captions.vtt', 'index.html']);
  });

  it("shows each page the locale's shared neutral poster; the debtor's own values stay in the sealed part", async () => {
    const posters = new Map<string, Set<string>>();
    for (const [index, { token }] of links.entries()) {
      const { html, payload } = await readPage(token);
      const row = rows[index]!;
      expect(payload.record.name).toBe(row.name);
      expect(html).not.toContain(row.name);
      expect(payload.media.video).toBeUndefined();
      expect(payload.media.poster).toMatch(/^\.\.\/\.\.\/assets\/poster\.[0-9a-f]{12}\.jpg$/);
      await fs.access(path.join(out, 'site', 'r', token, payload.media.poster));
      posters.set(row.locale, (posters.get(row.locale) ?? new Set()).add(payload.media.poster));
      // Captions are the debtor's own text, written as a file: nothing drawn.
      const captions = await fs.readFile(path.join(out, 'site', 'r', token, payload.media.captions), 'utf8');
      expect(captions.startsWith('WEBVTT')).toBe(true);
      expect(captions).toContain(row.name);
    }
    // One poster per locale, the same for every debtor of it.
    expect([...posters.values()].map((each) => each.size)).toEqual([1, 1]);
    expect(new Set([...posters.values()].flatMap((each) => [...each])).size).toBe(2);
  });

  it("gives the delivery kit the locale's neutral e-mail thumbnail, never a missing personal GIF", async () => {
    const campaign = /Campaign (\S+):/.exec(stdout)?.[1] ?? '';
    const kit = path.join(temp.dir, 'delivery.json');
    const result = await runCli({
      args: ['delivery', campaign, '--out', kit, '--format', 'json'],
      env: { KINDLY_DATA_DIR: dataDir },
    });
    expect(result.code).toBe(0);
    const entries = (
      JSON.parse(await fs.readFile(kit, 'utf8')) as { recipients: { id: string; thumbnailUrl: string }[] }
    ).recipients;
    const byLocale = new Map<string, Set<string>>();
    for (const entry of entries) {
      const locale = rows.find((row) => row.id === entry.id)!.locale;
      expect(entry.thumbnailUrl).toMatch(/\/assets\/thumb\.[0-9a-f]{12}\.gif$/);
      await fs.access(path.join(out, 'site', new URL(entry.thumbnailUrl).pathname));
      byLocale.set(locale, (byLocale.get(locale) ?? new Set()).add(entry.thumbnailUrl));
    }
    expect(entries).toHaveLength(count);
    expect([...byLocale.values()].map((each) => each.size)).toEqual([1, 1]);
  });
});
