import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { loadConfig } from '../server/config.ts';
import type { InProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import type { RenderJobOutcome } from '../server/jobs/run-render-job.ts';
import { openServices, type Services } from '../server/open-services.ts';
import { claimOpenRender, insertOpenRender } from '../server/store/open-renders.ts';
import { readPagePayload } from '../scripts/lib/read-page-payload.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { closeAll, type Closers } from './helpers/listen-and-launch.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { exists } from './helpers/file-checks.ts';

// Render on open: a campaign published at once as live pages, each debtor's video rendered only
// when their page is first opened (a counted view), through the real tracking route, the
// in-process runner and the real renderer. One campaign, one render, shared by the file.
const apiKey = 'render-on-open-key-0123456789';
const auth = { authorization: `Bearer ${apiKey}` };
const base = 'http://127.0.0.1:9';
const campaignId = 'opened-only';
const records = [
  'id,name,amount,currency,due_date,invoice,locale',
  'O-1,Priya Raman-Whitlock,312.40,GBP,2027-02-28,INV-2027-7301,en-GB',
  'O-2,Harriet Okonkwo-Smythe,1480.25,GBP,2027-03-31,INV-2027-0099,en-GB',
].join('\n');
const browser =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';

let closers: Closers = [];
let services: Services;
let runner: InProcessRunner;
let app: FastifyInstance;
let siteDir: string;
let links: { id: string; url: string; token: string }[];
/** The segment cache's entries once the campaign was published, before anybody opened a page. */
let cachedBeforeViews: Set<string>;
/** What each counted view set off: true for the one that asked for a render. */
const asks: Promise<boolean>[] = [];

const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, body?: Record<string, unknown>) => {
  const response = await app.inject({ method, url, headers: auth, ...(body ? { payload: body } : {}) });
  return { status: response.statusCode, json: () => response.json(), text: response.body };
};
const getProgress = async () => (await call('GET', `/api/campaigns/${campaignId}`)).json().progress;
const view = (token: string, userAgent = browser) =>
  app.inject({
    method: 'POST',
    url: '/t/e',
    headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
    payload: JSON.stringify({ token, type: 'view' }),
  });
const pageOf = (token: string) => path.join(siteDir, 'r', token);
const readPayload = (token: string) => readPagePayload({ siteDir, token });
/** The keys of a segment folder's entries (`<shard>/<key>`). */
const listCachedSegments = async (dir: string) => {
  const shards = (await fs.readdir(dir)).filter((name) => /^[0-9a-f]{2}$/.test(name));
  const keys = await Promise.all(shards.map((shard) => fs.readdir(path.join(dir, shard))));
  return new Set(keys.flat());
};

beforeAll(async () => {
  closers = [];
  const temp = await makeTempDir('render-on-open');
  closers.push(() => temp.remove());
  siteDir = path.join(temp.dir, 'site');
  services = await openServices({ config: loadConfig({ KINDLY_DATA_DIR: path.join(temp.dir, 'data') }), siteDir });
  closers.push(() => services.close());
  runner = services.runner as InProcessRunner;
  app = await buildApp({
    db: services.db,
    siteDir,
    apiKey,
    runner,
    publisher: services.publisher,
    segmentCache: services.segmentCache,
    defaultBaseUrl: base,
    defaultTrackUrl: base,
    onCountedView: (counted) => {
      const asked = services.requestOpenRender(counted);
      asks.push(asked);
      return asked;
    },
  });
  closers.push(() => app.close());
  const created = await call('POST', '/api/campaigns', {
    id: campaignId,
    template: 'gentle-reminder',
    payUrl: `${base}/demo/pay`,
    // The template's or campaign's playback gives way: an on-open campaign goes out live.
    playback: 'rendered',
    render: 'on-open',
  });
  expect(created.status, created.text).toBe(201);
  expect(created.json()).toMatchObject({ renderMode: 'on-open' });
  const form = await makeMultipart({ file: { name: 'records.csv', contents: records } });
  const upload = await app.inject({
    method: 'POST',
    url: `/api/campaigns/${campaignId}/records`,
    headers: { ...auth, ...form.headers },
    payload: form.payload,
  });
  expect(upload.json()).toMatchObject({ accepted: 2, rejected: 0 });
  // The upload answers before its campaign is marked ready; a start just then would be refused.
  while ((await call('GET', `/api/campaigns/${campaignId}`)).json().status !== 'ready')
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await call('POST', `/api/campaigns/${campaignId}/start`)).status).toBe(200);
  await runner.idle({ campaignId });
  // Publishing started making the look's shared intro, outro and sound; nobody has opened a page yet.
  await services.sharedSettled();
  cachedBeforeViews = await listCachedSegments(path.join(temp.dir, 'data', 'segments'));
  // Each line of links.csv starts with the record id and the personal link.
  const csv = (await call('GET', `/api/campaigns/${campaignId}/links.csv`)).text;
  links = [...csv.matchAll(/^(O-\d),(http[^,\n]+)/gm)].map(([, id = '', url = '']) => ({
    id,
    url,
    token: new URL(url).pathname.split('/')[2] ?? '',
  }));
}, 300_000);

afterAll(() => closeAll(closers), 60_000);

describe('render on open', () => {
  it('publishes every recipient at once as a live page, with no video', async () => {
    expect(links.map((link) => link.id).sort()).toEqual(['O-1', 'O-2']);
    expect(await getProgress()).toMatchObject({
      published: 2,
      failed: 0,
      onOpen: { opened: 0, rendered: 0, failed: 0, latencyP50Seconds: null },
    });
    for (const link of links) {
      expect(await exists(path.join(pageOf(link.token), 'video.mp4'))).toBe(false);
      expect((await readPayload(link.token)).media.video).toBeUndefined();
    }
  });

  it('renders only the opened page, once, for its first counted view; the page keeps its link and names the video', async () => {
    const [opened, unopened] = links as [(typeof links)[number], (typeof links)[number]];
    const outcomes: RenderJobOutcome[] = [];
    const rendered = new Promise<void>((resolve) => {
      const stop = runner.follow({
        campaignId,
        onOutcome: ({ outcome }) => {
          outcomes.push(outcome);
          stop();
          resolve();
        },
      });
    });
    // A link scanner's view is flagged and asks for nothing; the debtor's view and its repeat count, one render.
    expect((await view(opened.token, 'Mozilla/5.0 (compatible; Barracuda link scanner)')).statusCode).toBe(204);
    expect(asks).toHaveLength(0);
    const views = await Promise.all([view(opened.token), view(opened.token)]);
    expect(views.map((response) => response.statusCode)).toEqual([204, 204]);
    expect((await view(opened.token)).statusCode).toBe(204);
    expect((await Promise.all(asks)).filter(Boolean)).toHaveLength(1);
    await rendered;
    expect(outcomes).toEqual([{ kind: 'done', state: { status: 'published', url: opened.url } }]);

    const video = path.join(pageOf(opened.token), 'video.mp4');
    const probe = await ffprobe(video);
    expect(probe.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({ codec_name: 'h264' });
    expect(Number(probe.format.duration)).toBeGreaterThan(1);
    expect((await readPayload(opened.token)).media.video).toBe('video.mp4');
    expect(await exists(path.join(pageOf(unopened.token), 'video.mp4'))).toBe(false);
    expect((await readPayload(unopened.token)).media.video).toBeUndefined();

    const progress = await getProgress();
    expect(progress).toMatchObject({ published: 2, failed: 0, onOpen: { opened: 1, rendered: 1, failed: 0 } });
    expect(progress.onOpen.latencyP50Seconds).toBeGreaterThan(0);
    const csv = (await call('GET', `/api/campaigns/${campaignId}/links.csv`)).text;
    expect(csv).toContain(opened.url);
    expect(csv).toContain(unopened.url);
    // A view after the video is ready asks for nothing more.
    await view(opened.token);
    expect((await Promise.all(asks)).filter(Boolean)).toHaveLength(1);

    // The render on open drew the debtor's own part only: every shared segment it used was made when the campaign was published.
    const { rows: used } = await services.db.query<{ key: string; personal: boolean }>(
      'select key, personal from recipient_segments where token = $1',
      [opened.token],
    );
    const shared = used.filter((segment) => !segment.personal).map((segment) => segment.key);
    const own = used.filter((segment) => segment.personal).map((segment) => segment.key);
    expect(shared.length).toBeGreaterThanOrEqual(2);
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(shared.filter((key) => !cachedBeforeViews.has(key))).toEqual([]);
    expect(own.filter((key) => cachedBeforeViews.has(key))).toEqual([]);
  }, 300_000);

  it('forgets the render on open of an erased debtor', async () => {
    expect((await call('DELETE', `/api/campaigns/${campaignId}/recipients/O-1`)).status).toBe(204);
    expect((await getProgress()).onOpen).toMatchObject({ opened: 0, rendered: 0 });
  });

  it("does not render a debtor's page again while their video renders on open, whose page would land over it", async () => {
    const waiting = links.find((link) => link.id === 'O-2')!;
    expect(await insertOpenRender({ db: services.db, token: waiting.token })).toBeDefined();
    expect(await claimOpenRender({ db: services.db, token: waiting.token, claimant: 'a-job' })).toBe(true);
    const refused = await call('POST', `/api/campaigns/${campaignId}/recipients/O-2/render`);
    expect(refused.status).toBe(409);
    expect(refused.json().error).toContain('video is being rendered now');
    // Nothing changed: the debtor keeps their link.
    expect((await call('GET', `/api/campaigns/${campaignId}/links.csv`)).text).toContain(waiting.url);
  });

  it('refuses, through the API, a render mode it does not know, naming the value and the modes', async () => {
    const refused = await call('POST', '/api/campaigns', {
      template: 'gentle-reminder',
      payUrl: `${base}/demo/pay`,
      render: 'lazy',
    });
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ value: '"lazy"' });
    expect(refused.json().error).toMatch(/render .*eager.*on-open/);
  });
});
