import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { openStore } from '../server/store/open-store.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { runCli } from './helpers/run-cli.ts';
import { spawnKindly, type KindlyProcess } from './helpers/spawn-kindly.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { exists } from './helpers/file-checks.ts';

// `kindly keys` and the in-process `kindly serve` as an operator meets them: real processes on an
// embedded store in a temp folder, the API reached over HTTP with the key the CLI printed.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dataDir: string;
let out: string;
let port: number;
let server: KindlyProcess | undefined;
let created: { id: string; key: string };
const env = () => ({
  KINDLY_DATA_DIR: dataDir,
  KINDLY_API_KEY: '',
  KINDLY_LOG_LEVEL: 'silent',
  KINDLY_PORT: String(port),
});
const cli = (args: string[]) => runCli({ args, env: env(), timeoutMs: 240_000 });
const base = () => `http://127.0.0.1:${port}`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const startServe = async () => {
  const started = spawnKindly({ args: ['serve', '--out', out, '--port', String(port)], env: env() });
  await started.waitFor('Renders run', 120_000);
  return started;
};
const stopServe = async () => {
  server?.kill('SIGTERM');
  const code = await server?.exited;
  server = undefined;
  return code;
};

/** Asks until the campaign leaves `rendering`, or fails after the deadline. */
async function waitForCampaign(options: { id: string; key: string; timeoutMs: number }) {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const campaign = (await (
      await fetch(`${base()}/api/campaigns/${options.id}`, { headers: bearer(options.key) })
    ).json()) as { status: string; progress: Record<string, number> };
    if (campaign.status !== 'rendering') return campaign;
    if (Date.now() > deadline)
      throw new Error(
        `Campaign ${options.id} still rendering after ${options.timeoutMs} ms: ${JSON.stringify(campaign.progress)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  temp = await makeTempDir('cli-keys-serve');
  dataDir = path.join(temp.dir, 'data');
  out = path.join(temp.dir, 'out');
  port = await getFreePort();
});

afterAll(async () => {
  server?.kill('SIGKILL');
  await server?.exited;
  await temp?.remove();
});

describe('kindly keys create', { timeout: 300_000 }, () => {
  it('prints a new key once and stores only its hash', async () => {
    const result = await cli(['keys', 'create', '--name', 'ops', '--role', 'operator']);
    expect(result.code).toBe(0);
    const match =
      /^Created API key (key_[0-9a-f]{12}) \(ops, operator, a new user\)\. It is shown only now:\n(kly_[\w-]+)\nUse it as: Authorization: Bearer \2\n$/.exec(
        result.stdout,
      );
    expect(match).not.toBeNull();
    created = { id: match![1]!, key: match![2]! };
    const db = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: dataDir }) });
    try {
      const { rows } = await db.query<Record<string, unknown>>('select * from api_keys');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: created.id,
        name: 'ops',
        hash: crypto.createHash('sha256').update(created.key).digest('hex'),
        revoked_at: null,
      });
      expect(JSON.stringify(rows)).not.toContain(created.key);
    } finally {
      await db.close();
    }
  });
});

describe('kindly serve, rendering in its own process', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    server = await startServe();
  }, 180_000);

  it('says where it serves and that it renders itself, and answers health and readiness', async () => {
    expect(server?.output()).toContain(
      `Serving ${path.join(out, 'site')} and tracking on ${base()}; API docs at ${base()}/docs`,
    );
    expect(server?.output()).toContain('Renders run in this process');
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${base()}/readyz`)).json()).toEqual({ ok: true });
  });

  it('admits the key kindly keys created and refuses none or a wrong one', async () => {
    const listed = await fetch(`${base()}/api/campaigns`, { headers: bearer(created.key) });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ campaigns: [] });
    expect((await fetch(`${base()}/api/campaigns`)).status).toBe(401);
    expect((await fetch(`${base()}/api/campaigns`, { headers: bearer(`${created.key}x`) })).status).toBe(401);
  });

  it('renders and publishes a campaign started through its API, and serves the page', async () => {
    const headers = bearer(created.key);
    const create = await fetch(`${base()}/api/campaigns`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'spring',
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com/checkout',
        playback: 'live',
      }),
    });
    expect(create.status).toBe(201);
    const form = new FormData();
    form.append(
      'file',
      new Blob(['id,name,amount,due_date,invoice\nA-1,Anna,10,2027-01-01,F1\nA-2,Bo,0,2027-01-01,F2\n'], {
        type: 'text/csv',
      }),
      'debtors.csv',
    );
    const upload = await fetch(`${base()}/api/campaigns/spring/records`, { method: 'POST', headers, body: form });
    expect(await upload.json()).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    const start = await fetch(`${base()}/api/campaigns/spring/start`, { method: 'POST', headers });
    expect(await start.json()).toMatchObject({ campaign: { status: 'rendering' } });
    const campaign = await waitForCampaign({ id: 'spring', key: created.key, timeoutMs: 480_000 });
    expect(campaign.progress).toMatchObject({ read: 2, accepted: 1, rejected: 1, published: 1, failed: 0 });
    const links = await (await fetch(`${base()}/api/campaigns/spring/links.csv`, { headers })).text();
    const url = links.trim().split('\n')[1]!.split(',')[1]!;
    expect(url).toMatch(new RegExp(`^${base()}/r/[\\w-]+/$`));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('stops cleanly on SIGTERM: exit 0, its lock and key gone, the port closed', async () => {
    expect(await exists(path.join(dataDir, 'store.lock'))).toBe(true);
    expect(await stopServe()).toBe(0);
    expect(await exists(path.join(dataDir, 'store.lock'))).toBe(false);
    expect(await exists(path.join(dataDir, 'store.key'))).toBe(false);
    await expect(fetch(`${base()}/healthz`)).rejects.toThrow();
  });
});

describe('kindly keys revoke', { timeout: 300_000 }, () => {
  it('revokes the key once, and the API refuses it from then on', async () => {
    const result = await cli(['keys', 'revoke', created.id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Revoked ${created.id}\n`);
    const again = await cli(['keys', 'revoke', created.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`kindly: No active API key has this id (got "${created.id}")`);
    server = await startServe();
    expect((await fetch(`${base()}/api/campaigns`, { headers: bearer(created.key) })).status).toBe(401);
    expect(await stopServe()).toBe(0);
  });
});
