import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { buildApp } from '../../server/api/build-app.ts';
import { openLocalPublisher } from '../../server/publish/open-local-publisher.ts';
import { getMediaFolder, publishRecipient } from '../../server/publish/publish-recipient.ts';
import { publishSiteAssets } from '../../server/publish/publish-site-assets.ts';
import type { Publisher } from '../../server/publish/publisher.ts';
import { makeMicrosite, type SiteAssets } from '../../server/render/make-microsite.ts';
import type { RenderedMedia } from '../../server/render/open-renderer.ts';
import { getCampaign } from '../../server/store/campaigns.ts';
import type { Db } from '../../server/store/db.ts';
import { listEvents } from '../../server/store/events.ts';
import { ensureGateShare } from '../../server/store/gate.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { findRecipientByToken } from '../../server/store/recipients.ts';
import { getFreePort } from '../../scripts/lib/free-port.ts';
import { closeAll, listenAndLaunch, type Closers } from './listen-and-launch.ts';
import { makePlaceholderMedia } from './placeholder-media.ts';
import { template } from './read-all.ts';
import { seedCampaign } from './seed-campaign.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';

type Seeded = Awaited<ReturnType<typeof seedCampaign>>;

/** The example campaigns' real pages on the real API, and a real Chromium to open them in. */
export type InteractiveSite = {
  db: Db;
  base: string;
  /** The CDN folder the pages are published to. */
  siteDir: string;
  browser: Browser;
  /** Every example of gentle-reminder; CUST-1001 has an invoice link. */
  open: Seeded;
  /** The same examples behind a privacy gate asking for the postcode (20121). */
  gated: Seeded;
  invoiceUrl: string;
  /** The path of every POST the server received, in order (the page's forms and survey post to `/t/f/…`, `/t/s/…`). */
  posts: string[];
  close: () => Promise<void>;
};

/** Publishes every recipient's page (the real page code and assets) with the placeholder media. */
async function publishPages(options: {
  db: Db;
  campaignId: string;
  tokens: string[];
  publisher: Publisher;
  assets: SiteAssets;
  media: RenderedMedia;
}) {
  const { db, publisher, assets } = options;
  const campaign = await getCampaign({ db, id: options.campaignId });
  for (const token of options.tokens) {
    const recipient = await findRecipientByToken({ db, token });
    const record = template.schema.parse(recipient!.data);
    const gate = campaign.privacyGate && {
      field: campaign.privacyGate.field,
      share: await ensureGateShare({ db, token }),
    };
    const html = await makeMicrosite({
      template,
      record,
      token,
      trackBase: campaign.trackUrl,
      assets,
      planRules: campaign.planRules,
      gate,
    });
    await publishRecipient({
      publisher,
      token,
      media: options.media,
      html,
      mediaFolder: getMediaFolder({ gateShare: gate?.share }),
    });
  }
}

/**
 * Seeds the two campaigns, publishes their pages with a placeholder 15 s video, and serves them.
 * `trackingRateLimit` (requests per minute per route from one address) lets a test reach the limit.
 */
export async function openInteractiveSite(options: { trackingRateLimit?: number } = {}): Promise<InteractiveSite> {
  const closers: Closers = [];
  const temp = await makeTempDir('interactive-browser');
  closers.push(() => temp.remove());
  const db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  closers.push(() => db.close());
  const port = await getFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const invoiceUrl = 'https://invoices.example.com/FT-2027-0042.pdf';
  const open = await seedCampaign({ db, id: 'open', payUrl: `${origin}/demo/pay?shop=kindly`, baseUrl: origin });
  const gated = await seedCampaign({ db, id: 'gated', payUrl: `${origin}/demo/pay`, baseUrl: origin });
  await db.query(`update campaigns set privacy_gate = '{"field":"postcode"}'::jsonb where id = 'gated'`);
  await db.query(`update recipients set data = data || '{"postcode":"20121"}'::jsonb where campaign_id = 'gated'`);
  await db.query(`update recipients set data = data || $2::jsonb where campaign_id = 'open' and record_id = $1`, [
    'CUST-1001',
    JSON.stringify({ invoice_url: invoiceUrl }),
  ]);
  const siteDir = path.join(temp.dir, 'site');
  const media = await makePlaceholderMedia({ dir: path.join(temp.dir, 'media'), seconds: 15 });
  const publisher = openLocalPublisher({ root: siteDir });
  const assets = await publishSiteAssets({ publisher });
  await publishPages({
    db,
    campaignId: 'open',
    tokens: open.map((recipient) => recipient.token),
    publisher,
    assets,
    media,
  });
  await publishPages({
    db,
    campaignId: 'gated',
    tokens: gated.map((recipient) => recipient.token),
    publisher,
    assets,
    media,
  });
  const app = await buildApp({
    db,
    siteDir,
    apiKey: 'interactive-browser-key',
    trackingRateLimit: options.trackingRateLimit,
  });
  const posts: string[] = [];
  app.addHook('onRequest', async (request) => {
    if (request.method === 'POST') posts.push(request.url);
  });
  const { base, browser } = await listenAndLaunch({ app, closers, port });
  return { db, base, siteDir, browser, open, gated, invoiceUrl, posts, close: () => closeAll(closers) };
}

/** A phone-sized page that records CSP violations, dialogs and requests off the site. */
export async function openPhone(site: InteractiveSite, token: string): Promise<{ page: Page; problems: string[] }> {
  const page = await site.browser.newPage();
  await page.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith(site.base)) problems.push(`off-site request: ${url}`);
  });
  // Whatever else on the page needs the recipient's data listens for this event.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('kindly:personal', (event) => {
      (window as unknown as { announced: string }).announced = String(
        (event as CustomEvent<{ record: { id: string } }>).detail.record.id,
      );
    });
  });
  await page.goto(`${site.base}/r/${token}/`, { waitUntil: 'domcontentloaded' });
  return { page, problems };
}

/** Resolves once the page's script has opened the sealed part and shown it. */
export const waitForPersonal = (page: Page) =>
  page.waitForFunction(
    () =>
      (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined &&
      !document.getElementById('personal')!.hidden,
  );

/** The recipient's stored events once `wanted` is among them (or after 5 s). */
export async function waitForEvents(
  site: InteractiveSite,
  campaignId: string,
  recordId: string,
  wanted: string,
): Promise<string[]> {
  let events: string[] = [];
  for (let attempt = 0; attempt < 50 && !events.includes(wanted); attempt += 1) {
    events = await listEvents({ db: site.db, campaignId, recordId });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return events;
}

/** Plays the video muted and jumps to `seconds`, still playing, then waits until `hotspot` shows. */
export async function playAt(page: Page, seconds: number, hotspot: string) {
  await page.evaluate(async (at) => {
    const video = document.querySelector('video')!;
    video.muted = true;
    await video.play();
    video.currentTime = at;
  }, seconds);
  await page.waitForSelector(`[data-hotspot="${hotspot}"]:not([hidden])`, { timeout: 10_000 });
}

export const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
