import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../server/errors.ts';
import { makeMicrosite } from '../server/render/make-microsite.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { makeBrandCss, publishBrandAssets } from '../server/publish/publish-brand-assets.ts';
import { parseBrandKit, readBrandFile } from '../server/read-brand-file.ts';
import { checkBrandContrast } from '../templates/brand/brand-kit.ts';
import { getContrastRatio } from '../templates/brand/contrast.ts';
import { findTemplate } from '../templates/registry.ts';
import type { BaseRecord, TemplateDefinition } from '../templates/template-definition.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/brand');
const siteAssets = {
  css: 'assets/site.0123456789ab.css',
  script: 'assets/track.0123456789ab.js',
  interactive: 'assets/page.0123456789ab.js',
  logo: 'assets/logo.0123456789ab.svg',
};
const svg = (body: string) =>
  `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`).toString('base64')}`;
const colors = { primary: '#0b5d1e', onPrimary: '#ffffff', accent: '#8a3c00', background: '#f7f3e8', text: '#1b1b1b' };

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('brand-kit');
});
afterAll(async () => {
  await temp.remove();
});

const refusal = (run: () => unknown): InputError => {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected the brand kit to be refused');
};

describe('the brand kit contrast check (WCAG AA)', () => {
  it('computes WCAG ratios', () => {
    expect(getContrastRatio({ foreground: '#000000', background: '#ffffff' })).toBeCloseTo(21, 5);
    expect(getContrastRatio({ foreground: '#777777', background: '#ffffff' })).toBeCloseTo(4.48, 2);
    expect(checkBrandContrast(colors)).toEqual([]);
  });

  it('refuses grey text on white, naming both colours, the ratio and the fix', () => {
    const error = refusal(() =>
      parseBrandKit({
        value: { senderName: 'Pale', colors: { ...colors, text: '#aaaaaa', background: '#ffffff' } },
        source: 'brand.json',
      }),
    );
    expect(error.message).toContain(
      'text on background is #aaaaaa on #ffffff, contrast 2.32:1, below the 4.5:1 WCAG AA needs',
    );
    expect(error.message).toContain('darken or lighten colors.text or colors.background until the pair reaches 4.5:1');
    expect(error.value).toBe('"brand.json"');
  });

  it('refuses white button text on a light primary', () => {
    const error = refusal(() =>
      parseBrandKit({ value: { senderName: 'Pale', colors: { ...colors, primary: '#ffd166' } }, source: 'api' }),
    );
    expect(error.message).toMatch(
      /button text \(onPrimary\) on primary is #ffffff on #ffd166, contrast 1\.\d\d:1, below the 4\.5:1/,
    );
  });

  it('refuses bad colours, fonts and logos with the field and the fix', () => {
    expect(
      refusal(() =>
        parseBrandKit({ value: { senderName: 'X', colors: { ...colors, primary: 'green' } }, source: 'api' }),
      ).message,
    ).toContain('colors.primary is not a #rrggbb colour; write it like #10324a');
    expect(
      refusal(() => parseBrandKit({ value: { senderName: 'X', colors, font: 'Comic Sans' }, source: 'api' })).message,
    ).toContain('font is not one Kindly ships; use one of inter, noto-sans-tc');
    expect(
      refusal(() =>
        parseBrandKit({ value: { senderName: 'X', colors, logo: svg('<script>alert(1)</script>') }, source: 'api' }),
      ).message,
    ).toContain('logo SVG contains a <script> element');
    expect(
      refusal(() =>
        parseBrandKit({
          value: { senderName: 'X', colors, logo: svg('<image href="https://tracker.example.com/p.png"/>') },
          source: 'api',
        }),
      ).message,
    ).toContain('a link to another site');
    expect(
      refusal(() =>
        parseBrandKit({ value: { senderName: 'X', colors, logo: 'data:image/png;base64,AAAA' }, source: 'api' }),
      ).message,
    ).toContain('logo says it is a PNG but is not one');
  });
});

describe('a brand file (kindly render --brand)', () => {
  it('reads the kit and its logo file (relative to the JSON) as a data URL', async () => {
    const brand = await readBrandFile(path.join(fixtures, 'brand.json'));
    expect(brand).toMatchObject({
      senderName: 'Lumen Gas',
      payProviderLabel: 'Payments by Nexi',
      font: 'inter',
      colors,
    });
    expect(Buffer.from(brand.logo!.split(',')[1]!, 'base64').toString('utf8')).toBe(
      await fs.readFile(path.join(fixtures, 'logo.svg'), 'utf8'),
    );
  });

  it('refuses a low-contrast kit, a missing logo and a logo that is neither SVG nor PNG', async () => {
    await expect(readBrandFile(path.join(fixtures, 'low-contrast.json'))).rejects.toThrow(
      /text on background is #aaaaaa on #ffffff, contrast 2\.32:1.*button text \(onPrimary\) on primary is #ffffff on #ffd166/,
    );
    const missing = path.join(temp.dir, 'missing.json');
    await fs.writeFile(missing, JSON.stringify({ senderName: 'X', colors, logo: 'nope.svg' }));
    await expect(readBrandFile(missing)).rejects.toThrow(/The brand logo file cannot be read \(got ".*nope\.svg"\)/);
    const gif = path.join(temp.dir, 'gif.json');
    await fs.writeFile(path.join(temp.dir, 'logo.gif'), 'GIF89a');
    await fs.writeFile(gif, JSON.stringify({ senderName: 'X', colors, logo: 'logo.gif' }));
    await expect(readBrandFile(gif)).rejects.toThrow('The brand logo is neither SVG nor PNG');
  });
});

describe('a brand kit on the page', () => {
  it('publishes a content-hashed stylesheet of CSS custom properties and the logo', async () => {
    const brand = await readBrandFile(path.join(fixtures, 'brand.json'));
    const root = path.join(temp.dir, 'site');
    const assets = await publishBrandAssets({ publisher: openLocalPublisher({ root }), brand });
    expect(assets.brand).toMatch(/^assets\/brand\.[0-9a-f]{12}\.css$/);
    expect(assets.logo).toMatch(/^assets\/brand-logo\.[0-9a-f]{12}\.png$/);
    const css = await fs.readFile(path.join(root, assets.brand), 'utf8');
    expect(css).toBe(makeBrandCss(brand));
    for (const line of [
      '--kindly-primary: #0b5d1e;',
      '--kindly-on-primary: #ffffff;',
      '--kindly-background: #f7f3e8;',
      '--kindly-text: #1b1b1b;',
      '--kindly-accent: #8a3c00;',
    ])
      expect(css).toContain(line);
    // The SVG is published drawn as a PNG: the green square with its white ring, 512 px high.
    const { data, info } = await sharp(path.join(root, assets.logo)).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([512, 512]);
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    expect(pixel(40, 256)).toEqual([0x0b, 0x5d, 0x1e]);
    expect(pixel(256 - 110, 256)).toEqual([255, 255, 255]);
    const again = await publishBrandAssets({
      publisher: openLocalPublisher({ root }),
      brand: { ...brand, colors: { ...brand.colors, primary: '#0a4f1a' } },
    });
    expect(again.brand).not.toBe(assets.brand);
    expect(again.logo).toBe(assets.logo);
  });

  it.each(['instalment-offer', 'friendly-final-notice'])(
    '%s: the page links the brand stylesheet and logo, speaks as the sender and names the pay provider',
    async (id) => {
      const template = findTemplate(id) as TemplateDefinition;
      const brand = await readBrandFile(path.join(fixtures, 'brand.json'));
      const record = { ...template.schema.parse(template.examples[0]), brand } as BaseRecord;
      const branded = await makeMicrosite({
        template,
        record,
        token: 'T'.repeat(22),
        trackBase: 'https://t.example.com',
        assets: { ...siteAssets, brand: 'assets/brand.aaaaaaaaaaaa.css', logo: 'assets/brand-logo.bbbbbbbbbbbb.svg' },
      });
      expect(branded).toContain('<link rel="stylesheet" href="../../assets/brand.aaaaaaaaaaaa.css"/>');
      expect(branded).toContain('<img src="../../assets/brand-logo.bbbbbbbbbbbb.svg"');
      expect(branded).toContain('<p class="pay-provider">Payments by Nexi</p>');
      expect(branded).toMatch(/<title>Lumen Gas – /);
      expect(branded).not.toContain('Aurora');
      const plain = await makeMicrosite({
        template,
        record: template.schema.parse(template.examples[0]),
        token: 'T'.repeat(22),
        trackBase: 'https://t.example.com',
        assets: siteAssets,
      });
      expect(plain).not.toContain('brand.');
      expect(plain).not.toContain('pay-provider');
      expect(plain).toMatch(/<title>Aurora Energia – /);
    },
  );
});
