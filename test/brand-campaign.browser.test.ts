import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobe } from './helpers/ffprobe.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { runCli } from './helpers/run-cli.ts';
import { serveSiteToBrowser, type ServedSite } from './helpers/serve-site-to-browser.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/brand');
const records =
  'id,name,amount,currency,due_date,invoice,locale\nF-1,Anne-Sophie de La Rochefoucauld-Montmorency,"2 480,75",EUR,31.03.2027,FA-1,fr-FR\n';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let out: string;
let port: number;
let render: Awaited<ReturnType<typeof runCli>>;
let link: string;
const kindly = (args: string[]) =>
  runCli({
    args: [
      'render',
      '--records',
      path.join(temp.dir, 'records.csv'),
      '--out',
      out,
      '--base-url',
      `http://127.0.0.1:${port}`,
      ...args,
    ],
    env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data') },
    cwd: temp.dir,
  });

beforeAll(async () => {
  temp = await makeTempDir('brand-campaign');
  out = path.join(temp.dir, 'out');
  port = await getFreePort();
  await fs.writeFile(path.join(temp.dir, 'records.csv'), records);
  render = await kindly([
    '--template',
    'instalment-offer',
    '--tone',
    'neutral',
    '--brand',
    path.join(fixtures, 'brand.json'),
  ]);
  link =
    (await fs.readFile(path.join(out, 'links.csv'), 'utf8').catch(() => '')).trim().split('\n')[1]?.split(',')[1] ?? '';
}, 900_000);

afterAll(async () => {
  await temp.remove();
});

describe('kindly render --brand --tone', () => {
  it('refuses a low-contrast brand before reading any record, naming colours, ratio and fix', async () => {
    const refused = await kindly([
      '--template',
      'instalment-offer',
      '--brand',
      path.join(fixtures, 'low-contrast.json'),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'kindly: The brand kit is refused: colors: brand colours are hard to read: text on background is #aaaaaa on #ffffff, contrast 2.32:1, below the 4.5:1 WCAG AA needs',
    );
    expect(refused.stderr).toContain('low-contrast.json');
    const tone = await kindly(['--template', 'friendly-final-notice', '--tone', 'stern']);
    expect(tone.code).toBe(1);
    expect(tone.stderr).toContain(
      'kindly: Template friendly-final-notice has no tone "stern" (got "stern"). Use one of: empathetic, neutral',
    );
  }, 240_000);

  it('renders and publishes a branded instalment offer in the neutral tone', async () => {
    expect(render.stderr).not.toMatch(/unexpected failure/);
    expect(render.code, render.stderr).toBe(0);
    const dir = path.join(out, 'site', new URL(link).pathname);
    const probe = await ffprobe(path.join(dir, 'video.mp4'));
    expect(probe.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
      codec_name: 'h264',
      width: 1280,
      height: 720,
      nb_frames: '450',
    });
    expect(probe.streams.find((stream) => stream.codec_type === 'audio')?.codec_name).toBe('aac');
    const captions = await fs.readFile(path.join(dir, 'captions.vtt'), 'utf8');
    expect(captions).toContain('Proposition de paiement échelonné\nde Lumen Gas');
    expect(captions).toContain(
      '3 mensualités de 826,92\u00a0€ · 6 mensualités de 413,46\u00a0€ · 12 mensualités de 206,73\u00a0€',
    );
    const assets = await fs.readdir(path.join(out, 'site', 'assets'));
    expect(assets.filter((name) => /^brand\.[0-9a-f]{12}\.css$/.test(name))).toHaveLength(1);
    expect(assets.filter((name) => /^brand-logo\.[0-9a-f]{12}\.png$/.test(name))).toHaveLength(1);
  });
});

describe('the branded page on a phone', () => {
  let site: ServedSite | undefined;

  beforeAll(async () => {
    site = await serveSiteToBrowser({ dataDir: path.join(temp.dir, 'data'), siteDir: path.join(out, 'site'), port });
  }, 120_000);

  afterAll(async () => {
    await site?.close();
  });

  it("shows the brand's colours (CSS custom properties), logo, sender and pay provider, loading nothing from elsewhere", async () => {
    const page = await site!.openPhonePage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(link, { waitUntil: 'networkidle0' });
    expect(await page.title()).toBe('Lumen Gas – votre message');
    const look = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      const logo = document.querySelector<HTMLImageElement>('.brand img');
      return {
        primaryVariable: getComputedStyle(document.documentElement).getPropertyValue('--kindly-primary').trim(),
        body: [style('body').backgroundColor, style('body').color],
        pay: [style('.button.primary').backgroundColor, style('.button.primary').color],
        amount: style('.facts .amount').color,
        logo: logo ? { loaded: logo.complete && logo.naturalWidth > 0, src: logo.getAttribute('src') } : undefined,
        provider: document.querySelector('.pay-provider')?.textContent,
        creditor: [...document.querySelectorAll('.trust .creditor, .trust .contact a')].map(
          (element) => element.textContent,
        ),
        strip: [style('.hotspots').display, document.querySelector('.hotspots')!.children.length > 0],
      };
    });
    expect(look).toEqual({
      primaryVariable: '#0b5d1e',
      body: ['rgb(247, 243, 232)', 'rgb(27, 27, 27)'],
      pay: ['rgb(11, 93, 30)', 'rgb(255, 255, 255)'],
      amount: 'rgb(138, 60, 0)',
      logo: { loaded: true, src: expect.stringMatching(/^\.\.\/\.\.\/assets\/brand-logo\.[0-9a-f]{12}\.png$/) },
      provider: 'Payments by Nexi',
      // The kit's creditor in the footer, never the reference templates' Aurora Energia.
      creditor: [
        'Lumen Gas S.p.A.Corso Buenos Aires 10, 20124 Milano, Italia',
        '+39 02 8765 4321',
        'aiuto@lumengas.example',
        'Politique de confidentialité',
      ],
      strip: ['flex', true],
    });
    expect(
      requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== `http://127.0.0.1:${port}`),
    ).toEqual([]);
    await page.close();
  });
});
