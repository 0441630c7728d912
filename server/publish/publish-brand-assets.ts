import crypto from 'node:crypto';
import type { BrandKit } from '../../templates/brand/brand-kit.ts';
import { fromLogoDataUrl } from '../../templates/brand/check-logo.ts';
import type { Publisher } from './publisher.ts';
import { putHashed } from './put-hashed.ts';
import { rasteriseLogo } from './rasterise-logo.ts';

const pageFonts: Record<BrandKit['font'], string> = {
  inter: "'Inter', system-ui, sans-serif",
  // The page ships Inter's Latin slices only; CJK text uses the phone's own fonts.
  'noto-sans-tc': "'Noto Sans TC', 'Inter', system-ui, sans-serif",
};

/**
 * A brand kit's stylesheet for the page: the colours as CSS custom properties (`--kindly-*`) and
 * the rules of the standard page that use them. Loaded after the site stylesheet, so it wins.
 */
export function makeBrandCss(brand: BrandKit): string {
  const { colors } = brand;
  return `:root {
  --kindly-primary: ${colors.primary};
  --kindly-on-primary: ${colors.onPrimary};
  --kindly-accent: ${colors.accent};
  --kindly-background: ${colors.background};
  --kindly-text: ${colors.text};
  --kindly-font: ${pageFonts[brand.font]};
}
body { background: var(--kindly-background); color: var(--kindly-text); font-family: var(--kindly-font); }
.facts { background: var(--kindly-background); color: var(--kindly-text); border: 1px solid var(--kindly-text); box-shadow: none; }
.facts dt, footer, .pay-provider { color: var(--kindly-text); }
.facts .amount { color: var(--kindly-accent); }
.button { background: var(--kindly-background); color: var(--kindly-text); border-color: var(--kindly-text); }
.button.primary { background: var(--kindly-primary); color: var(--kindly-on-primary); border-color: var(--kindly-primary); }
.hotspot { background: var(--kindly-background); color: var(--kindly-text); border-color: var(--kindly-text); }
.hotspot[data-action="pay"] { background: var(--kindly-primary); color: var(--kindly-on-primary); border-color: var(--kindly-primary); }
.pay-provider { text-align: center; font-size: .9rem; margin: .5rem 0 0; }
footer a { color: var(--kindly-text); }
.trust h2 { color: var(--kindly-text); }
.trust .verify { background: var(--kindly-background); color: var(--kindly-text); border: 1px solid var(--kindly-text); }
`;
}

/** What this process already published, by publisher and kit: a kit is published once, not once per recipient. */
const published = new WeakMap<Publisher, Map<string, Promise<{ brand: string; logo: string }>>>();

/**
 * Publishes a campaign's brand stylesheet and logo under content-hashed names (once: a changed
 * kit gets new names) and returns their site paths; `logo` is empty when the kit has none. The
 * logo is always published as a PNG drawn by `rasteriseLogo`, never as the uploaded SVG.
 */
export function publishBrandAssets(options: {
  publisher: Publisher;
  brand: BrandKit;
}): Promise<{ brand: string; logo: string }> {
  const byKit = published.get(options.publisher) ?? new Map<string, Promise<{ brand: string; logo: string }>>();
  published.set(options.publisher, byKit);
  // By digest, not the kit itself: a kit carries its logo (up to 200 kB), and a worker sees many campaigns.
  const kit = crypto.createHash('sha256').update(JSON.stringify(options.brand)).digest('hex');
  const done = byKit.get(kit) ?? putBrandAssets(options);
  byKit.set(kit, done);
  // A failure (the bucket briefly away) must not stick: the next recipient tries again.
  done.catch(() => byKit.get(kit) === done && byKit.delete(kit));
  return done;
}

async function putBrandAssets(options: {
  publisher: Publisher;
  brand: BrandKit;
}): Promise<{ brand: string; logo: string }> {
  const { publisher } = options;
  const css = makeBrandCss(options.brand);
  const brand = await putHashed({ publisher, name: 'brand.css', body: css, contentType: 'text/css; charset=utf-8' });
  if (!options.brand.logo) return { brand, logo: '' };
  const logo = await rasteriseLogo({ bytes: fromLogoDataUrl(options.brand.logo).bytes });
  return { brand, logo: await putHashed({ publisher, name: 'brand-logo.png', body: logo, contentType: 'image/png' }) };
}
