import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDemoLinks } from '../server/cli/format-demo-links.ts';
import { loadConfig } from '../server/config.ts';
import type { Db } from '../server/store/db.ts';
import { recordEvent } from '../server/store/events.ts';
import { openStore } from '../server/store/open-store.ts';
import { setCampaignStatus } from '../server/store/campaigns.ts';
import { setRecipientState } from '../server/store/recipients.ts';
import { getStats, type CampaignStats } from '../server/tracking/get-stats.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { runCli } from './helpers/run-cli.ts';
import { exists, readJson } from './helpers/file-checks.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { spawnKindly, type KindlyProcess } from './helpers/spawn-kindly.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// Two real processes on one embedded store: a `kindly serve` holding it, and the commands an
// operator runs beside it. The store must come out whole: same rows, same counts.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dataDir: string;
let out: string;
let port: number;
let holder: KindlyProcess | undefined;
let before: CampaignStats;
const env = () => ({
  KINDLY_DATA_DIR: dataDir,
  KINDLY_API_KEY: '',
  KINDLY_LOG_LEVEL: 'silent',
  KINDLY_PORT: String(port),
});
const cli = (args: string[]) => runCli({ args, env: env(), timeoutMs: 240_000 });
const startServe = async () => {
  const started = spawnKindly({ args: ['serve', '--out', out, '--port', String(port)], env: env() });
  await started.waitFor('Serving', 120_000);
  return started;
};

beforeAll(async () => {
  temp = await makeTempDir('store-lock');
  dataDir = path.join(temp.dir, 'data');
  out = path.join(temp.dir, 'out');
  port = await getFreePort();
  const db: Db = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: dataDir }) });
  try {
    const recipients = await seedCampaign({
      db,
      id: 'spring',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: `http://127.0.0.1:${port}`,
    });
    // Live playback: a retry renders a poster and a page, no MP4, so the test stays light.
    await db.query(`update campaigns set playback = 'live' where id = 'spring'`);
    await setCampaignStatus({ db, id: 'spring', status: 'done' });
    const failed = recipients[6]!;
    await setRecipientState({
      db,
      token: failed.token,
      state: { status: 'failed', error: 'the browser crashed', retryable: true },
    });
    for (const [index, recipient] of recipients.slice(0, 4).entries()) {
      await recordEvent({ db, campaignId: 'spring', recordId: recipient.recordId, type: 'view' });
      if (index < 2) await recordEvent({ db, campaignId: 'spring', recordId: recipient.recordId, type: 'play' });
    }
    await recordEvent({ db, campaignId: 'spring', recordId: recipients[0]!.recordId, type: 'click_pay' });
    before = await getStats({ db, campaignId: 'spring' });
  } finally {
    await db.close();
  }
  holder = await startServe();
}, 240_000);

afterAll(async () => {
  holder?.kill('SIGKILL');
  await holder?.exited;
  await temp?.remove();
});

describe('while kindly serve holds the embedded store', { timeout: 300_000 }, () => {
  it('the lock names it: pid, command, since when, its address; its key is for this user only', async () => {
    const lock = await readJson(path.join(dataDir, 'store.lock'));
    expect(lock).toMatchObject({
      pid: holder?.child.pid,
      command: `kindly serve --out ${out} --port ${port}`,
      apiUrl: `http://127.0.0.1:${port}`,
    });
    expect(Date.parse(String(lock.startedAt))).toBeGreaterThan(Date.now() - 300_000);
    expect(lock.processStart).toMatch(/^\d+$/);
    expect((await fs.stat(path.join(dataDir, 'store.key'))).mode & 0o777).toBe(0o600);
  });

  it('kindly stats answers through its API, with the numbers in the store', async () => {
    const json = await cli(['stats', 'spring', '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(
      `kindly: the store is held by pid ${holder?.child.pid} (kindly serve --out ${out} --port ${port}), which serves; going through its API at http://127.0.0.1:${port}\n`,
    );
    expect(JSON.parse(json.stdout)).toEqual(before);
    expect(before.counts).toMatchObject({ read: 7, accepted: 7, published: 6, failed: 1 });
    expect(before.funnel).toMatchObject({ viewed: 4, played: 2, clickedPay: 1 });
    const table = await cli(['stats', 'spring']);
    expect(table.stdout).toMatch(/published \(links issued\)\s+6\n/);
    expect(table.stdout).toMatch(/viewed\s+4\n/);
    const missing = await cli(['stats', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('kindly: No campaign has this id (got "nope")');
  });

  it('kindly delivery writes the kit from its export route', async () => {
    const file = path.join(temp.dir, 'kit.csv');
    const result = await cli(['delivery', 'spring', '--format', 'csv', '--out', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `held by pid ${holder?.child.pid} (kindly serve --out ${out} --port ${port}), which serves`,
    );
    expect(result.stdout).toBe(
      `Delivery kit of spring: 6 recipient(s) (published, not opted out) written to ${file}\n`,
    );
    const rows = parse(await fs.readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual([
      'CUST-1001',
      'CUST-1002',
      'CUST-1003',
      'CUST-1004',
      'CUST-1005',
      'CUST-1006',
    ]);
    const json = path.join(temp.dir, 'kit.json');
    const asJson = await cli(['delivery', 'spring', '--format', 'json', '--out', json]);
    expect(asJson.stdout).toBe(
      `Delivery kit of spring: 6 recipient(s) (published, not opted out) written to ${json}\n`,
    );
    expect(((await readJson(json)).recipients as unknown[]).length).toBe(6);
  });

  it('a command that must own the store refuses at once, naming the holder and the fix', async () => {
    const records = path.join(temp.dir, 'records.csv');
    await fs.writeFile(records, 'id,name,amount,due_date,invoice\n1,Anna,10,2027-01-01,F1\n');
    const lockBefore = await fs.readFile(path.join(dataDir, 'store.lock'), 'utf8');
    for (const args of [
      ['render', '--template', 'gentle-reminder', '--records', records, '--out', path.join(temp.dir, 'other')],
      ['keys', 'create', '--name', 'ops', '--role', 'operator'],
    ]) {
      const result = await cli(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `kindly: The embedded store is in use: pid ${holder?.child.pid} (kindly serve --out ${out} --port ${port}), since `,
      );
      expect(result.stderr).toContain(`serving http://127.0.0.1:${port} (got "${dataDir}")`);
      expect(result.stderr).toContain(`kill ${holder?.child.pid}`);
      expect(result.stderr).toContain('DATABASE_URL');
      expect(result.stderr).toContain('the others, kindly keys create and revoke among them, run when it is stopped');
    }
    expect(await fs.readFile(path.join(dataDir, 'store.lock'), 'utf8')).toBe(lockBefore);
    expect(await exists(path.join(temp.dir, 'other', 'links.csv'))).toBe(false);
  });

  it('kindly retry has it render the failed recipient, then writes the files', async () => {
    const result = await cli(['retry', 'spring', '--out', out]);
    expect(result.stderr).toContain(
      `held by pid ${holder?.child.pid} (kindly serve --out ${out} --port ${port}), which serves`,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Retrying 1 failed recipient(s) of spring in pid ${holder?.child.pid} (kindly serve --out ${out} --port ${port}), which renders and publishes them`,
    );
    expect(result.stdout).toContain(`Published 7, failed 0. Links: ${path.join(out, 'links.csv')}`);
    const linksCsv = await fs.readFile(path.join(out, 'links.csv'), 'utf8');
    const links = parse(linksCsv, { columns: true }) as Record<string, string>[];
    expect(links).toHaveLength(7);
    // What kindly demo prints of the file (id,url,hold): the id, then the bare personal URL.
    expect(formatDemoLinks({ csv: linksCsv })).toEqual(links.map((row) => `  ${row.id}  ${row.url}`));
    expect(formatDemoLinks({ csv: linksCsv })[0]).toMatch(
      new RegExp(`^  ${links[0]!.id}  http://127\\.0\\.0\\.1:${port}/r/[\\w-]+/$`),
    );
    expect(await readJson(path.join(out, 'campaign.json'))).toMatchObject({
      id: 'spring',
      counts: { read: 7, accepted: 7, rejected: 0, published: 7, failed: 0 },
    });
    const page = new URL(links[6]!.url!).pathname;
    expect(await exists(path.join(out, 'site', page, 'index.html'))).toBe(true);
  });
});

describe('after the holder', { timeout: 300_000 }, () => {
  it('exits cleanly, the lock and key go, and the store opens whole', async () => {
    holder?.kill('SIGTERM');
    expect(await holder?.exited).toBe(0);
    holder = undefined;
    expect(await exists(path.join(dataDir, 'store.lock'))).toBe(false);
    expect(await exists(path.join(dataDir, 'store.key'))).toBe(false);
    const result = await cli(['stats', 'spring', '--json']);
    expect(result.stderr).toBe('');
    const after = JSON.parse(result.stdout) as CampaignStats;
    expect(after.counts).toEqual({ ...before.counts, published: 7, failed: 0 });
    expect(after.funnel).toEqual({ ...before.funnel, issued: 7 });
  });

  it('kindly retry with the store free renders here and writes the same files', async () => {
    const db = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: dataDir }) });
    try {
      const [row] = (
        await db.query<{ token: string }>(
          `select token from recipients where campaign_id = 'spring' and record_id = 'CUST-1007'`,
        )
      ).rows;
      await setRecipientState({
        db,
        token: row!.token,
        state: { status: 'failed', error: 'the browser crashed', retryable: true },
      });
    } finally {
      await db.close();
    }
    const linksBefore = await fs.readFile(path.join(out, 'links.csv'), 'utf8');
    await fs.rm(path.join(out, 'links.csv'));
    const result = await cli(['retry', 'spring', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('held by');
    expect(result.stdout).toContain('Retrying 1 failed recipient(s) of spring\n');
    expect(result.stdout).toContain(`Published 7, failed 0. Links: ${path.join(out, 'links.csv')}`);
    expect(await fs.readFile(path.join(out, 'links.csv'), 'utf8')).toBe(linksBefore);
    expect(await exists(path.join(dataDir, 'store.lock'))).toBe(false);
  });

  it('is killed outright: its stale lock is taken over, saying so, and nothing is lost', async () => {
    holder = await startServe();
    const pid = holder.child.pid;
    holder.kill('SIGKILL');
    await holder.exited;
    holder = undefined;
    expect((await readJson(path.join(dataDir, 'store.lock'))).pid).toBe(pid);
    const result = await cli(['stats', 'spring', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(
        `^kindly: taking over the embedded store from pid ${pid} \\(kindly serve --out .*\\), which is no longer running\\n$`,
      ),
    );
    expect((JSON.parse(result.stdout) as CampaignStats).counts).toMatchObject({ read: 7, published: 7, failed: 0 });
    expect(await exists(path.join(dataDir, 'store.lock'))).toBe(false);
  });
});
