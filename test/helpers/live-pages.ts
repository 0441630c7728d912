import path from 'node:path';
import Fastify from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { serveSite } from '../../server/publish/serve-site.ts';
import { processRecipient } from '../../server/jobs/process-recipient.ts';
import { openLocalPublisher } from '../../server/publish/open-local-publisher.ts';
import { publishSiteAssets } from '../../server/publish/publish-site-assets.ts';
import { findBrowser } from '../../server/render/find-browser.ts';
import { openRenderer } from '../../server/render/open-renderer.ts';
import { createCampaign, getCampaign } from '../../server/store/campaigns.ts';
import { makePayRef, makeToken } from '../../server/store/make-token.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { findRecipient, insertRecipients } from '../../server/store/recipients.ts';
import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';
import type { PlaybackMode, TemplateDefinition } from '../../templates/template-definition.ts';
import { getFreePort } from '../../scripts/lib/free-port.ts';
import { closeAll, listenAndLaunch, type Closers } from './listen-and-launch.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';

const template = gentleReminder as unknown as TemplateDefinition;

/** A gentle-reminder example record in this locale. */
export const example = (locale: string) =>
  gentleReminder.schema.parse(gentleReminder.examples.find((each) => each.locale === locale));
/** A frame of the personal scene, every entrance settled: name, amount, due date and invoice on screen, the amount's caption. */
export const personalFrame = gentleReminder.scenes.find((scene) => scene.id === 'personal')!.from + 120;

/** A published page: its recipient's locale, the campaign's playback mode and its personal link token. */
export type LivePage = { locale: string; mode: PlaybackMode; token: string };

/** The published pages served on loopback, with a real Chromium. */
export type LivePages = {
  origin: string;
  siteDir: string;
  browser: Browser;
  pages: LivePage[];
  pageOf: (options: { locale: string; mode: PlaybackMode }) => LivePage & { url: string };
  close: () => Promise<void>;
};

/** One campaign per playback mode; the zh-TW recipient has a real MP4 in `both` and `rendered`. */
const planned: { campaign: string; mode: PlaybackMode | undefined; locales: string[] }[] = [
  { campaign: 'live-pages', mode: 'live', locales: ['it-IT', 'en-GB', 'fr-FR'] },
  { campaign: 'both-pages', mode: 'both', locales: ['zh-TW'] },
  // No playback chosen: the template's default, an MP4 only.
  { campaign: 'rendered-pages', mode: undefined, locales: ['zh-TW'] },
];

/** Renders and publishes the planned pages through the real render job, then serves the site. */
export async function openLivePages(): Promise<LivePages> {
  const closers: Closers = [];
  const temp = await makeTempDir('live-page');
  closers.push(() => temp.remove());
  const siteDir = path.join(temp.dir, 'site');
  const db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  closers.push(() => db.close());
  const publisher = openLocalPublisher({ root: siteDir });
  const assets = await publishSiteAssets({ publisher });
  const renderer = await openRenderer({
    template,
    browserExecutable: findBrowser({ configured: process.env.KINDLY_BROWSER }),
    segmentCacheDir: process.env.KINDLY_TEST_SEGMENTS ?? path.join(temp.dir, 'segments'),
  });
  closers.push(() => renderer.close());
  const port = await getFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const pages: LivePage[] = [];
  for (const plan of planned) {
    await createCampaign({
      db,
      campaign: {
        id: plan.campaign,
        templateId: template.id,
        templateVersion: template.version,
        payUrl: `${origin}/pay`,
        baseUrl: origin,
        playback: plan.mode,
      },
    });
    const campaign = await getCampaign({ db, id: plan.campaign });
    const recipients = plan.locales.map((locale, index) => {
      const record = example(locale);
      return {
        recordId: record.id,
        row: index + 2,
        token: makeToken(),
        payRef: makePayRef(),
        locale,
        data: record,
      };
    });
    await insertRecipients({ db, campaignId: plan.campaign, recipients });
    for (const each of recipients) {
      const recipient = await findRecipient({ db, campaignId: plan.campaign, recordId: each.recordId });
      let state = await processRecipient({
        db,
        campaign,
        template,
        getRenderer: async () => renderer,
        publisher,
        assets,
        recipient: recipient!,
        workRoot: path.join(temp.dir, 'work'),
      });
      // A render job retries transient faults (a browser slow to start on a loaded machine); so does this setup.
      for (let attempt = 1; attempt < 3 && state.status === 'failed' && state.retryable; attempt += 1) {
        state = await processRecipient({
          db,
          campaign,
          template,
          getRenderer: async () => renderer,
          publisher,
          assets,
          recipient: recipient!,
          workRoot: path.join(temp.dir, 'work'),
        });
      }
      if (state.status !== 'published') throw new Error(`${each.locale} ${plan.mode}: ${JSON.stringify(state)}`);
      pages.push({ locale: each.locale, mode: plan.mode ?? 'rendered', token: each.token });
    }
  }
  const app = Fastify();
  await app.register(serveSite({ siteDir }));
  const { browser } = await listenAndLaunch({ app, closers, port });
  const pageOf = (options: { locale: string; mode: PlaybackMode }) => {
    const found = pages.find((each) => each.locale === options.locale && each.mode === options.mode);
    if (!found) throw new Error(`No ${options.mode} page in ${options.locale}`);
    return { ...found, url: `${origin}/r/${found.token}/` };
  };
  return { origin, siteDir, browser, pages, pageOf, close: () => closeAll(closers) };
}

/** A phone-sized tab that records every request and every CSP violation. */
export async function openPhone(
  site: LivePages,
  options: { width?: number; reducedMotion?: boolean } = {},
): Promise<{ page: Page; requested: string[]; violations: () => Promise<string[]> }> {
  const page = await site.browser.newPage();
  await page.setViewport({ width: options.width ?? 360, height: 740, isMobile: true, hasTouch: true });
  await page.emulateMediaFeatures([
    { name: 'prefers-reduced-motion', value: options.reducedMotion ? 'reduce' : 'no-preference' },
  ]);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return { page, requested, violations };
}

/** Resolves once the live player has mounted and the fonts are in. */
export async function waitForPlayer(page: Page): Promise<void> {
  await page.waitForSelector('[data-live-player][data-live-state="ready"]', { timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready);
}
