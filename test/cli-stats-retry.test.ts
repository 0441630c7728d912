import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../server/store/audit-entries.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { runCli } from './helpers/run-cli.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { readJson } from './helpers/file-checks.ts';

// `kindly stats` and `kindly retry` as an operator runs them, each a real process on an embedded
// store in a temp folder. The failures are real: the site folder cannot take the recipients' pages
// (a file stands where the folder of personal pages goes), so every publish fails until it is moved.
const records = [
  'id,name,amount,due_date,invoice',
  'A-1,Anna,10,2027-01-01,F1',
  'A-2,Bo,12.50,2027-01-01,F2',
  'A-3,Cy,-3,2027-01-01,F3',
  '',
].join('\n');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let out: string;
let render: Awaited<ReturnType<typeof runCli>>;
const cli = (args: string[]) =>
  runCli({
    args,
    env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data'), KINDLY_API_KEY: '', KINDLY_LOG_LEVEL: 'silent' },
    timeoutMs: 600_000,
  });
const stats = async () =>
  JSON.parse((await cli(['stats', 'spring', '--json'])).stdout) as {
    campaign: string;
    counts: Record<string, number>;
    funnel: Record<string, number>;
  };
beforeAll(async () => {
  temp = await makeTempDir('cli-stats-retry');
  out = path.join(temp.dir, 'out');
  await fs.mkdir(path.join(out, 'site'), { recursive: true });
  await fs.writeFile(path.join(out, 'site', 'r'), 'not a folder');
  await fs.writeFile(path.join(temp.dir, 'records.csv'), records);
  // Live playback: a page and its captions per recipient, nothing drawn for them, so the test stays light.
  render = await cli([
    'render',
    '--template',
    'gentle-reminder',
    '--records',
    path.join(temp.dir, 'records.csv'),
    '--out',
    out,
    '--campaign',
    'spring',
    '--playback',
    'live',
  ]);
}, 900_000);

afterAll(async () => {
  await temp?.remove();
});

describe('kindly stats', { timeout: 300_000 }, () => {
  it('prints the counts of a campaign whose renders failed, and they add up', async () => {
    expect(render.stderr).not.toContain('kindly:');
    expect(render.code).toBe(0);
    expect(render.stdout).toContain('Campaign spring: read 3, accepted 2, rejected 1, published 0, failed 2');
    const table = await cli(['stats', 'spring']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Campaign spring \(gentle-reminder@[\d.]+\)\n/);
    expect(table.stdout).toMatch(/records read\s+3\n/);
    expect(table.stdout).toMatch(/accepted\s+2\n/);
    expect(table.stdout).toMatch(/rejected\s+1\n/);
    expect(table.stdout).toMatch(/published \(links issued\)\s+0\n/);
    expect(table.stdout).toMatch(/failed\s+2\n/);
    expect(table.stdout).toMatch(/viewed\s+0\n/);
    const { counts } = await stats();
    expect(counts).toMatchObject({ read: 3, accepted: 2, rejected: 1, published: 0, failed: 2 });
    expect(counts.read).toBe(counts.accepted! + counts.rejected!);
    expect(counts.accepted).toBe(counts.published! + counts.failed!);
  });

  it('refuses a campaign that does not exist, naming it', async () => {
    const missing = await cli(['stats', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('kindly: No campaign has this id (got "nope")');
  });
});

describe('kindly retry', { timeout: 900_000 }, () => {
  it('renders the failed recipients again once the fault is gone, and rewrites the files', async () => {
    const linksBefore = parse(await fs.readFile(path.join(out, 'links.csv'), 'utf8'), { columns: true }) as unknown[];
    expect(linksBefore).toEqual([]);
    await fs.rm(path.join(out, 'site', 'r'));
    const result = await cli(['retry', 'spring', '--out', out]);
    expect(result.stderr).not.toContain('kindly:');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Retrying 2 failed recipient(s) of spring\n');
    expect(result.stdout).toContain(`Published 2, failed 0. Links: ${path.join(out, 'links.csv')}`);
    const links = parse(await fs.readFile(path.join(out, 'links.csv'), 'utf8'), { columns: true }) as {
      id: string;
      url: string;
    }[];
    expect(links.map((link) => link.id)).toEqual(['A-1', 'A-2']);
    for (const link of links) {
      const folder = path.join(out, 'site', new URL(link.url).pathname);
      expect((await fs.readdir(folder)).sort()).toEqual(['captions.vtt', 'index.html']);
    }
    expect(await readJson(path.join(out, 'campaign.json'))).toMatchObject({
      id: 'spring',
      counts: { read: 3, accepted: 2, rejected: 1, published: 2, failed: 0 },
    });
    expect((await stats()).counts).toMatchObject({ read: 3, accepted: 2, rejected: 1, published: 2, failed: 0 });
  });

  it('with nothing failed, renders nothing and keeps the files as they are', async () => {
    const linksBefore = await fs.readFile(path.join(out, 'links.csv'), 'utf8');
    const result = await cli(['retry', 'spring', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Retrying 0 failed recipient(s) of spring\n');
    expect(result.stdout).toContain('Published 2, failed 0.');
    expect(await fs.readFile(path.join(out, 'links.csv'), 'utf8')).toBe(linksBefore);
  });

  it('refuses a campaign that does not exist, naming it', async () => {
    const missing = await cli(['retry', 'nope', '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('kindly: No campaign has this id (got "nope")');
  });
});

describe('the audit log of work done with the CLI on the store', { timeout: 300_000 }, () => {
  it('names the render, the retries, the link files and the delivery kit, with who ran them on this machine', async () => {
    const kit = path.join(temp.dir, 'delivery.csv');
    const delivery = await cli(['delivery', 'spring', '--format', 'csv', '--out', kit]);
    expect(delivery.code).toBe(0);
    const db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data'), warn: () => undefined });
    try {
      const { entries } = await listAuditEntries({ db, filter: { campaign: 'spring' }, limit: 50 });
      const oldestFirst = entries.reverse();
      expect(oldestFirst.map((entry) => [entry.action, entry.outcome, entry.keyName])).toEqual([
        ['campaign-render', 'done', 'kindly render (CLI)'],
        ['export-links', 'done', 'kindly render (CLI)'],
        ['campaign-retry', 'done', 'kindly retry (CLI)'],
        ['export-links', 'done', 'kindly retry (CLI)'],
        ['campaign-retry', 'done', 'kindly retry (CLI)'],
        ['export-links', 'done', 'kindly retry (CLI)'],
        ['export-delivery', 'done', 'kindly delivery (CLI)'],
      ]);
      expect(oldestFirst[0]!.detail).toBe('read 3, accepted 2, published 0, failed 2');
      expect(oldestFirst.at(-1)!.detail).toBe('2 recipient(s), csv');
      for (const entry of oldestFirst) {
        expect(entry).toMatchObject({ address: 'local', campaignId: 'spring', recordId: null });
        expect(entry.userName).toMatch(/@/);
      }
      // A refused retry (no such campaign) never reached the store's campaign: nothing names it.
      expect((await listAuditEntries({ db, filter: { campaign: 'nope' }, limit: 5 })).entries).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
