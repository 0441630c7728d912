import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { buildApp, demoPayPath } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { listEvents } from '../server/store/events.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { makeTestVideo, publishTestPage } from './helpers/publish-test-page.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'tracking-browser-key-0123';
const phone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let recipients: Awaited<ReturnType<typeof seedCampaign>>;
const opened: Closers = [];

beforeAll(async () => {
  temp = await makeTempDir('tracking-browser');
  opened.push(temp.remove);
  const port = await getFreePort();
  base = `http://127.0.0.1:${port}`;
  db = await openEmbeddedStore({ dataDir: temp.dir });
  opened.push(() => db.close());
  recipients = await seedCampaign({ db, id: 'visit', payUrl: `${base}${demoPayPath}`, baseUrl: base });
  const siteDir = path.join(temp.dir, 'site');
  const video = path.join(temp.dir, 'video.mp4');
  await makeTestVideo({ file: video, seconds: 15 });
  for (const [index, recipient] of recipients.slice(0, 3).entries()) {
    await publishTestPage({
      siteDir,
      token: recipient.token,
      example: gentleReminder.examples[index]!,
      trackBase: base,
      video,
    });
  }
  app = await buildApp({ db, siteDir, apiKey, defaultTrackUrl: base });
  ({ browser } = await listenAndLaunch({ app, closers: opened, port }));
}, 120_000);

afterAll(() => closeAll(opened));

/** Opens a personal page as a phone would, plays the video muted at `rate` until `until` seconds (or the end), then pauses. */
async function watch(options: { token: string; rate: number; until?: number; userAgent?: string }): Promise<Page> {
  const page = await browser.newPage();
  if (options.userAgent) await page.setUserAgent(options.userAgent);
  await page.goto(`${base}/r/${options.token}/`, { waitUntil: 'networkidle0' });
  await page.evaluate(
    async (rate, until) => {
      const video = document.querySelector('video')!;
      video.muted = true;
      video.playbackRate = rate;
      await video.play();
      await new Promise<void>((resolve) => {
        const check = () => {
          if (video.ended || (until !== null && video.currentTime >= until)) {
            video.pause();
            resolve();
          } else requestAnimationFrame(check);
        };
        check();
      });
    },
    options.rate,
    options.until ?? null,
  );
  return page;
}

const waitForEvents = async (recordId: string, last: string) => {
  let events: string[] = [];
  for (let attempt = 0; attempt < 50 && events.at(-1) !== last; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    events = await listEvents({ db, campaignId: 'visit', recordId });
  }
  return events;
};

describe('a debtor visits in real Chromium', () => {
  it('sends view, play, progress buckets, the seconds watched and the click, in order; the retention curve shows 60 %', async () => {
    const viewer = recipients[0]!;
    const page = await watch({ token: viewer.token, rate: 2, until: 9, userAgent: phone });
    await Promise.all([page.waitForNavigation(), page.click('a[data-cta="pay"]')]);
    expect(new URL(page.url()).pathname).toBe(demoPayPath);
    await page.close();
    const events = await waitForEvents(viewer.recordId, 'click_pay');
    expect(events).toEqual([
      'view',
      'play',
      'progress_10',
      'progress_20',
      'progress_25',
      'progress_30',
      'progress_40',
      'progress_50',
      'progress_60',
      'watched',
      'click_pay',
    ]);

    // A second debtor watches it all, quickly.
    const finisher = recipients[1]!;
    await (await watch({ token: finisher.token, rate: 4, userAgent: phone })).close();
    const finished = await waitForEvents(finisher.recordId, 'watched');
    expect(finished).toContain('complete');
    expect(finished).toContain('progress_90');

    const analytics = (
      await app.inject({
        method: 'GET',
        url: '/api/campaigns/visit/analytics',
        headers: { authorization: `Bearer ${apiKey}` },
      })
    ).json();
    // Watching 9 of 15 seconds (60 %) counts seconds 0–8; the finisher watched all 15.
    expect(analytics.retention).toEqual({ viewers: 2, seconds: [2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1] });
    expect(analytics.funnel).toMatchObject({ issued: 7, viewed: 2, played: 2, reached50: 2, completed: 1, clicked: 1 });
  }, 120_000);

  it('counts nothing from a headless scanner that runs the page script', async () => {
    const scanned = recipients[2]!;
    // Chromium's own headless user agent, as URL sandboxes of mail gateways send it.
    await (await watch({ token: scanned.token, rate: 4, until: 3 })).close();
    const events = await waitForEvents(scanned.recordId, 'progress_20');
    expect(events.slice(0, 2)).toEqual(['view', 'play']);
    const { rows } = await db.query<{ type: string; flagged: string | null }>(
      "select type, flagged from events where campaign_id = 'visit' and record_id = $1",
      [scanned.recordId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.flagged === 'scanner')).toBe(true);
    const analytics = (
      await app.inject({
        method: 'GET',
        url: '/api/campaigns/visit/analytics',
        headers: { authorization: `Bearer ${apiKey}` },
      })
    ).json();
    expect(analytics.funnel.viewed).toBe(2);
  }, 60_000);
});
