import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteAssets } from '../render/make-microsite.ts';
import { bundleBrowserScript } from './bundle-browser-script.ts';
import type { Publisher } from './publisher.ts';
import { publishPlayerAssets } from './publish-player-assets.ts';
import { putHashed } from './put-hashed.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * The shipped fonts the page (and the live player on it) use: Inter for Latin and accented Latin,
 * Noto Sans TC for Chinese. Each comes in unicode-range slices, so a browser downloads only the
 * slices of the characters on its page.
 */
const inter = {
  dir: packageDir('@fontsource/inter'),
  keep: (file: string) => /^inter-latin(-ext)?-\d+-normal\.woff2$/.test(file),
};
const notoSansTc = {
  dir: packageDir('@fontsource/noto-sans-tc'),
  keep: (file: string) => /^noto-sans-tc-\d+-\d+-normal\.woff2$/.test(file),
};
const fontWeights = [400, 700];

/**
 * Publishes the page's shared files (stylesheet with the shipped fonts, tracking script, logo, favicon,
 * live player, hls.js) under content-hashed names, once: a changed file gets a new name, so they cache forever.
 */
export async function publishSiteAssets(options: { publisher: Publisher }): Promise<SiteAssets> {
  const { publisher } = options;
  const read = (file: string) => fs.readFile(path.join(root, file));
  const faces = (family: typeof inter) => publishFontFaces({ publisher, family });
  const css = `${await faces(inter)}\n${await fs.readFile(path.join(root, 'assets/site/site.css'), 'utf8')}`;
  return {
    css: await putHashed({ publisher, name: 'site.css', body: css, contentType: 'text/css; charset=utf-8' }),
    // Its own stylesheet (~70 kB of @font-face rules): only pages with Chinese text link it.
    cjkFonts: await putHashed({
      publisher,
      name: 'fonts-tc.css',
      body: await faces(notoSansTc),
      contentType: 'text/css; charset=utf-8',
    }),
    script: await putHashed({
      publisher,
      name: 'track.js',
      body: await bundleBrowserScript({ entry: 'assets/site/track.ts' }),
      contentType: 'text/javascript; charset=utf-8',
    }),
    interactive: await putHashed({
      publisher,
      name: 'page.js',
      body: await bundleBrowserScript({ entry: 'assets/site/interactive/main.ts' }),
      contentType: 'text/javascript; charset=utf-8',
    }),
    logo: await putHashed({
      publisher,
      name: 'logo.svg',
      body: await read('assets/brand/aurora-logo.svg'),
      contentType: 'image/svg+xml',
    }),
    favicon: await putHashed({
      publisher,
      name: 'favicon.ico',
      body: await read('assets/brand/favicon.ico'),
      contentType: 'image/x-icon',
    }),
    player: await publishPlayerAssets({ publisher }),
    // hls.js's own minified build, as published: pages load it only where HLS is not native.
    hls: await putHashed({
      publisher,
      name: 'hls.js',
      body: await fs.readFile(path.join(packageDir('hls.js'), 'dist/hls.min.js')),
      contentType: 'text/javascript; charset=utf-8',
    }),
  };
}

/** Publishes a family's woff2 slices and returns its @font-face rules pointing at them. */
async function publishFontFaces(options: { publisher: Publisher; family: typeof inter }): Promise<string> {
  const { publisher, family } = options;
  const faces: string[] = [];
  for (const weight of fontWeights) {
    const css = await fs.readFile(path.join(family.dir, `${weight}.css`), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      if (!file || !family.keep(file)) continue;
      const key = await putHashed({
        publisher,
        name: file,
        body: await fs.readFile(path.join(family.dir, 'files', file)),
        contentType: 'font/woff2',
      });
      const face = block
        .slice(0, block.lastIndexOf('}') + 1)
        .replace(/src: [^;]+;/, `src: url(${path.basename(key)}) format('woff2');`);
      faces.push(`@font-face${face}`);
    }
  }
  return faces.join('\n');
}
