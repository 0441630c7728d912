import fs from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../server/publish/serve-site.ts';
import { processRecipient } from '../server/jobs/process-recipient.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { publishSiteAssets } from '../server/publish/publish-site-assets.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { openRenderer, type Renderer } from '../server/render/open-renderer.ts';
import { getCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { makePayRef, makeToken } from '../server/store/make-token.ts';
import { findRecipient, insertRecipients } from '../server/store/recipients.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { replaceText, startStudioApp, studioApiKey, waitForPreview, type StudioApp } from './helpers/studio-app.ts';

// Template versions saved from the studio: new campaigns take the saved copy, older ones keep theirs.
const template = gentleReminder as unknown as TemplateDefinition;
const bearer = { authorization: `Bearer ${studioApiKey}` };
const oliver = gentleReminder.examples.find((example) => example.locale === 'en-GB')!;

let studio: StudioApp;
let db: Db;
let app: FastifyInstance;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  studio = await startStudioApp({ name: 'studio-versions' });
  ({ db, app, browser, dir } = studio);
}, 600_000);

afterAll(async () => studio?.close());

describe('template versions: saved copy for new campaigns, older campaigns keep theirs', () => {
  let renderer: Renderer;
  afterAll(async () => renderer?.close());

  const createCampaign = (body: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: bearer,
      payload: { template: template.id, payUrl: 'https://pay.example.com/c', playback: 'live', ...body },
    });

  /** Renders the campaign's one recipient (live playback: the page and its poster, no MP4) and returns its page's token and static HTML. */
  async function publishOne(campaignId: string, siteDir: string): Promise<{ token: string; html: string }> {
    const publisher = openLocalPublisher({ root: siteDir });
    const assets = await publishSiteAssets({ publisher });
    const campaign = await getCampaign({ db, id: campaignId });
    const token = makeToken();
    await insertRecipients({
      db,
      campaignId,
      recipients: [{ recordId: String(oliver.id), row: 2, token, payRef: makePayRef(), locale: 'en-GB', data: oliver }],
    });
    const recipient = await findRecipient({ db, campaignId, recordId: String(oliver.id) });
    const state = await processRecipient({
      db,
      campaign,
      template,
      getRenderer: async () => renderer,
      publisher,
      assets,
      recipient: recipient!,
      workRoot: path.join(dir, 'work'),
    });
    expect(state.status).toBe('published');
    return { token, html: await fs.readFile(path.join(siteDir, 'r', token, 'index.html'), 'utf8') };
  }

  /** The greeting a browser shows once the page's script has opened the sealed personal part. */
  async function openedGreeting(url: string): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(
        () => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined,
        { timeout: 60_000 },
      );
      return await page.$eval('h1', (h1) => h1.textContent ?? '');
    } finally {
      await page.close();
    }
  }

  it('saves a version from the studio, lists it, and renders a campaign made with it in the edited copy', async () => {
    const older = await createCampaign({ id: 'before-the-edit' });
    expect(older.statusCode).toBe(201);
    expect(older.json().templateVersion).toBe(template.version);

    const page = await studio.openStudio();
    await page.select('#locale', 'en-GB');
    await replaceText(page, '#copy-greeting', 'Good day {name},');
    await waitForPreview(page);
    await page.type('#version-note', 'Warmer greeting');
    await page.click('#save-version');
    await page.waitForSelector('#versions li[data-label="1.0.0+1"]', { timeout: 120_000 });
    expect(await page.$eval('#versions li[data-label="1.0.0+1"]', (item) => item.textContent)).toContain(
      'Warmer greeting',
    );
    expect(await page.$eval('#save-result', (node) => node.textContent)).toContain('1.0.0+1');
    await page.close();

    const listed = await app.inject({ url: `/api/studio/templates/${template.id}/versions`, headers: bearer });
    expect(
      listed.json().versions.map((version: { label: string; copy: unknown }) => [version.label, version.copy]),
    ).toEqual([['1.0.0+1', { 'en-GB': { greeting: 'Good day {name},' } }]]);

    const unknown = await createCampaign({ id: 'no-such-version', templateVersion: '1.0.0+9' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('1.0.0+1');
    const newer = await createCampaign({ id: 'after-the-edit', templateVersion: '1.0.0+1' });
    expect(newer.statusCode).toBe(201);
    expect(newer.json().templateVersion).toBe('1.0.0+1');

    renderer = await openRenderer({
      template,
      browserExecutable: findBrowser({ configured: process.env.KINDLY_BROWSER }),
      segmentCacheDir: path.join(dir, 'segments'),
    });
    const edited = await publishOne('after-the-edit', path.join(dir, 'site-new'));
    const original = await publishOne('before-the-edit', path.join(dir, 'site-old'));
    // The static HTML is neutral; the copy is in the sealed part, opened by the page in a browser.
    expect(edited.html).not.toContain('Good day');
    expect(edited.html).not.toContain(oliver.name);
    const sites = Fastify();
    await sites.register(serveSite({ siteDir: path.join(dir, 'site-new'), prefix: '/new/' }));
    await sites.register(serveSite({ siteDir: path.join(dir, 'site-old'), prefix: '/old/' }));
    const port = await getFreePort();
    await sites.listen({ port, host: '127.0.0.1' });
    try {
      expect(await openedGreeting(`http://127.0.0.1:${port}/new/r/${edited.token}/`)).toBe(`Good day ${oliver.name},`);
      expect(await openedGreeting(`http://127.0.0.1:${port}/old/r/${original.token}/`)).toBe(`Hello ${oliver.name},`);
    } finally {
      await sites.close();
    }
  }, 900_000);

  it('refuses a version whose edit drops a placeholder, naming key, locale and placeholder', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/studio/templates/${template.id}/versions`,
      headers: bearer,
      payload: { copy: { 'fr-FR': { greeting: 'Bonjour,' } }, note: 'oops' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('The fr-FR text of "greeting" drops the placeholder {name}');
    expect(response.json().fix).toBe('Put {name} back into the text; it is filled per recipient');
    const listed = await app.inject({ url: `/api/studio/templates/${template.id}/versions`, headers: bearer });
    expect(listed.json().versions).toHaveLength(1);
  });
});
