import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Frame, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { seekPlayer } from './helpers/seek-player.ts';
import { replaceText, startStudioApp, studioApiKey, waitForPreview, type StudioApp } from './helpers/studio-app.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const bearer = { authorization: `Bearer ${studioApiKey}` };
const personalFrame = gentleReminder.scenes.find((scene) => scene.id === 'personal')!.from + 120;
const oliver = gentleReminder.examples.find((example) => example.locale === 'en-GB')!;

let studio: StudioApp;
let app: FastifyInstance;
let origin: string;
let dir: string;

beforeAll(async () => {
  studio = await startStudioApp({ name: 'studio' });
  ({ app, origin, dir } = studio);
}, 600_000);

afterAll(async () => studio?.close());

async function micrositeFrame(page: Page): Promise<Frame> {
  const src = await page.$eval('#microsite', (frame) => (frame as HTMLIFrameElement).src);
  // The iframe's new source may still be loading when the preview reports ready.
  const frame = await page.waitForFrame((each) => each.url() === src, { timeout: 60_000 });
  // The HTML is neutral: the page's own script opens its sealed part and fills in the greeting.
  await frame.waitForFunction(() => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined, {
    timeout: 60_000,
  });
  return frame;
}

async function playerText(page: Page, frame: number): Promise<string> {
  await seekPlayer(page, frame, '#player');
  return page.$eval('#player', (slot) => (slot as HTMLElement).innerText);
}

describe('the studio page behind the API key', () => {
  it('asks a browser for the key (Basic auth) and refuses wrong keys', async () => {
    const none = await fetch(`${origin}/studio`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await fetch(`${origin}/api/studio/templates`, {
      headers: { authorization: `Basic ${Buffer.from('x:not-the-key-at-all').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
  });

  it('form → preview: the typed name shows in the microsite and the live player; an invalid amount shows its message', async () => {
    const page = await studio.openStudio();
    const csp = (await page.goto(`${origin}/studio`, { waitUntil: 'domcontentloaded' }))?.headers()[
      'content-security-policy'
    ];
    expect(csp).toContain("default-src 'none'");
    // The reload builds the form again (after the templates arrive): edit it once the first preview is shown.
    await page.waitForSelector('body[data-preview="ready"]', { timeout: 400_000 });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.select('#locale', 'en-GB');
    await replaceText(page, '#field-name', 'Zoë <b>Typed</b>');
    await waitForPreview(page);
    const microsite = await micrositeFrame(page);
    expect(await microsite.$eval('h1', (h1) => h1.textContent)).toBe('Hello Zoë <b>Typed</b>,');
    expect(await microsite.$eval('html', (html) => html.lang)).toBe('en-GB');
    // The page's script runs, but sandboxed in an opaque origin: it cannot reach the studio or its API.
    expect(await microsite.evaluate(() => window.origin)).toBe('null');
    expect(await playerText(page, personalFrame)).toContain('Hello Zoë <b>Typed</b>,');

    await replaceText(page, '#field-amount', 'lots');
    await waitForPreview(page, 'invalid');
    expect(await page.$eval('[data-error-for="amount"]', (node) => node.textContent)).toContain(
      'amount is missing or not a number; write it like 1234.56',
    );
    expect(await page.$eval('#field-amount', (node) => node.getAttribute('aria-invalid'))).toBe('true');
    await replaceText(page, '#field-amount', '42,50');
    await waitForPreview(page);
    expect(await page.$eval('[data-error-for="amount"]', (node) => node.textContent)).toBe('');
    // The studio and its previews load nothing from elsewhere.
    expect(
      requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')),
    ).toEqual([]);
    await page.close();
  }, 700_000);

  it('a copy edit updates the preview; an edit dropping {name} is refused with its message', async () => {
    const page = await studio.openStudio();
    await page.select('#locale', 'en-GB');
    await replaceText(page, '#copy-greeting', 'Dear {name}, thank you');
    await waitForPreview(page);
    const microsite = await micrositeFrame(page);
    const name = await page.$eval('#field-name', (input) => (input as HTMLInputElement).value);
    expect(await microsite.$eval('h1', (h1) => h1.textContent)).toBe(`Dear ${name}, thank you`);
    expect(await playerText(page, personalFrame)).toContain(`Dear ${name}, thank you`);

    await replaceText(page, '#copy-greeting', 'Dear friend');
    await waitForPreview(page, 'invalid');
    expect(await page.$eval('[data-error-for="copy.greeting"]', (node) => node.textContent)).toBe(
      'The en-GB text of "greeting" drops the placeholder {name}; Put {name} back into the text; it is filled per recipient',
    );
    await page.close();
  }, 700_000);
});

describe('the preview shows what the debtor will see', () => {
  const zhIndex = gentleReminder.examples.findIndex((example) => example.locale === 'zh-TW');
  const zh = gentleReminder.examples[zhIndex]!;
  /** Whether a Noto Sans TC face has been loaded in this document (a face only loads for characters it shows). */
  const notoLoaded = () =>
    [...document.fonts].some((face) => face.family.replace(/"/g, '') === 'Noto Sans TC' && face.status === 'loaded');

  it('zh-TW: every file found (logo, music, poster, fonts), Chinese text in Noto Sans TC in both players', async () => {
    const page = await studio.openStudio();
    const failures: string[] = [];
    const found: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      if (response.status() === 200) found.push(response.url());
    });
    page.on('requestfailed', (request) => failures.push(`${request.failure()?.errorText} ${request.url()}`));
    await page.select('#preset', String(zhIndex));
    await waitForPreview(page);
    expect(await page.$eval('#locale', (select) => (select as HTMLSelectElement).value)).toBe('zh-TW');
    expect(await playerText(page, personalFrame)).toContain(zh.name);
    await page.waitForFunction(notoLoaded, { timeout: 60_000 });

    const microsite = await micrositeFrame(page);
    expect(await microsite.$eval('h1', (h1) => h1.textContent)).toContain(zh.name);
    // The frame plays the composition live (no MP4 exists while editing), over the poster drawn from its poster frame.
    await microsite.waitForSelector('[data-live-state="ready"]', { timeout: 120_000 });
    await microsite.waitForFunction(notoLoaded, { timeout: 60_000 });
    const poster = await microsite.$eval('video', (video) => video.poster);
    // The poster is served once the still renderer has drawn it.
    for (let waited = 0; waited < 120 && !found.includes(poster); waited += 1)
      await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(found).toContain(poster);

    const base = `${origin}/studio/site/assets/static.`;
    expect(
      found.filter((url) => url.startsWith(base) && url.endsWith('/brand/aurora-logo.svg')).length,
    ).toBeGreaterThan(0);
    expect(found.filter((url) => url.includes('/http'))).toEqual([]);
    expect(found.filter((url) => /noto-sans-tc-.*\.woff2$/.test(url)).length).toBeGreaterThan(0);
    // Only the stills and posters of previews a newer one superseded may be refused (409, by design), or
    // aborted as the frame moves on; everything the final preview asked for was found.
    const final = new URL(await page.$eval('#microsite', (frame) => (frame as HTMLIFrameElement).src)).pathname;
    const superseded = (failure: string) =>
      /\/api\/studio\/stills\/[0-9a-f]{64}\.jpg$/.test(failure) ||
      (/\/studio\/site\/r\/[\w-]{22}\//.test(failure) && !failure.includes(final));
    // A player may drop a media fetch it no longer needs (net::ERR_ABORTED); such a file must still be there.
    const aborted = failures.filter((failure) => failure.startsWith('net::ERR_ABORTED ') && !superseded(failure));
    for (const failure of aborted) {
      const url = failure.slice('net::ERR_ABORTED '.length);
      expect(await page.evaluate((asked) => fetch(asked).then((response) => response.status), url), url).toBe(200);
    }
    expect(failures.filter((failure) => !superseded(failure) && !aborted.includes(failure))).toEqual([]);
    await page.close();
  }, 700_000);

  it('keeps the preview in view while the last copy field is edited, and labels copy for people', async () => {
    const page = await studio.openStudio();
    await page.select('#locale', 'en-GB');
    expect(await page.$eval('label[for="copy-greeting"]', (label) => label.textContent)).toBe(
      'Greeting — may use {name}',
    );
    expect(await page.$eval('label[for="copy-introSubtitle"]', (label) => label.textContent)).toBe(
      'Intro subtitle (video) — may use {brand}',
    );
    expect(await page.$eval('label[for="copy-lead"]', (label) => label.textContent)).toBe('Opening line');
    const labels = await page.$$eval('#copy-form label', (all) => all.map((label) => label.textContent ?? ''));
    expect(labels.length).toBe(Object.keys(gentleReminder.copy!['en-GB']!).length);
    // No label is a code key: each starts with a capital and has no camelCase or snake_case word.
    for (const label of labels) expect(label).toMatch(/^[A-Z][^_]*$/);
    for (const label of labels) expect(label.split(' — ')[0]).not.toMatch(/[a-z][A-Z]/);

    const lastBox = (await page.$$('#copy-form textarea')).at(-1)!;
    await lastBox.focus();
    await lastBox.type(' Thank you.');
    await waitForPreview(page);
    const view = await page.evaluate(() => {
      const rect = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const box = [...document.querySelectorAll('#copy-form textarea')].at(-1)!.getBoundingClientRect();
      return {
        scrolled: window.scrollY,
        height: window.innerHeight,
        preview: rect('.studio-preview').toJSON(),
        player: rect('#player').toJSON(),
        box: box.toJSON(),
      };
    });
    // The page scrolled down to the field, and the preview column (its live player first) is on screen with it.
    expect(view.scrolled).toBeGreaterThan(0);
    expect(view.box.top).toBeGreaterThanOrEqual(0);
    expect(view.box.bottom).toBeLessThanOrEqual(view.height);
    expect(view.preview.top).toBeGreaterThanOrEqual(0);
    expect(view.preview.top).toBeLessThan(view.height / 4);
    expect(view.player.top).toBeGreaterThanOrEqual(0);
    expect(view.player.bottom).toBeLessThanOrEqual(view.height);
    await page.close();
  }, 700_000);
});

describe('stills: one per scene, the composition size, cached by content, newest request first', () => {
  const preview = async (record: Record<string, unknown>, copy?: Record<string, string>) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/studio/preview',
      headers: bearer,
      payload: { templateId: template.id, locale: 'en-GB', record, copy },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { stills: { scene: string; frame: number; url: string }[] };
  };

  it('returns a JPEG of 1280×720 for each scene; an unchanged scene keeps its key and file', async () => {
    const first = await preview({ ...oliver, name: 'Still One' });
    expect(first.stills.map((still) => still.scene)).toEqual(template.scenes.map((scene) => scene.id));
    const files: Buffer[] = [];
    for (const still of first.stills) {
      const response = await app.inject({ url: still.url, headers: bearer });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(response.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', template.width, template.height]);
      files.push(response.rawPayload);
    }
    // Another name: only the personal scene changes. The copy is read by every scene, like the locale.
    const second = await preview({ ...oliver, name: 'Still Two' });
    expect(
      second.stills.map((still) => still.url === first.stills.find((each) => each.scene === still.scene)?.url),
    ).toEqual([true, false, true]);
    const unchanged = await app.inject({ url: second.stills[0]!.url, headers: bearer });
    expect(unchanged.rawPayload.equals(files[0]!)).toBe(true);
    const edited = await preview({ ...oliver, name: 'Still Two' }, { outroTitle: 'Pay today, or pick a plan.' });
    expect(
      edited.stills.map((still) => still.url === second.stills.find((each) => each.scene === still.scene)?.url),
    ).toEqual([false, false, false]);
    // The unchanged intro was not rendered again: the same file, untouched since its first render.
    const introFile = path.join(dir, 'studio-data', 'studio', 'stills', `${path.basename(first.stills[0]!.url)}`);
    const renderedAt = (await fs.stat(introFile)).mtimeMs;
    await preview({ ...oliver, name: 'Still Three' });
    await app.inject({ url: first.stills[0]!.url, headers: bearer });
    expect((await fs.stat(introFile)).mtimeMs).toBe(renderedAt);
  }, 700_000);

  it('a newer preview supersedes the stills an older one still waits for', async () => {
    const older = await preview({ ...oliver, name: 'Superseded Name' });
    const newer = await preview({ ...oliver, name: 'Latest Name' });
    const dropped = await app.inject({ url: older.stills[1]!.url, headers: bearer });
    expect(dropped.statusCode).toBe(409);
    expect(dropped.json().error).toBe('A newer preview superseded this still');
    const latest = await app.inject({ url: newer.stills[1]!.url, headers: bearer });
    expect(latest.statusCode).toBe(200);
  }, 700_000);
});
