import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteAssets } from '../render/make-microsite.ts';
import { bundlePageScript } from './bundle-page-script.ts';
import { cacheControl, type Publisher } from './publisher.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const interDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@fontsource/inter/package.json')), 'files');

/** The Inter slices the page needs (Latin and accented Latin); CJK falls back to the phone's own fonts. */
const fontSlices = ['latin', 'latin-ext'];
const fontWeights = [400, 700];

const hashed = (name: string, body: Buffer | string) => {
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
  const extension = path.extname(name);
  return `assets/${path.basename(name, extension)}.${hash}${extension}`;
};

/**
 * Publishes the page's shared files (stylesheet with the shipped fonts, tracking script, the
 * interactive page script, logo)
 * under content-hashed names, once: a changed file gets a new name, so they cache forever.
 */
export async function publishSiteAssets(options: { publisher: Publisher }): Promise<SiteAssets> {
  const put = async (name: string, body: Buffer | string, contentType: string) => {
    const key = hashed(name, body);
    if (!(await options.publisher.has({ key }))) await options.publisher.put({ key, body, contentType, cacheControl: cacheControl.immutable });
    return key;
  };
  const faces: string[] = [];
  for (const weight of fontWeights) {
    const css = await fs.readFile(path.join(interDir, `../${weight}.css`), 'utf8');
    for (const block of css.split('/* ').slice(1)) {
      const slice = fontSlices.find((name) => block.startsWith(`inter-${name}-${weight}-normal */`));
      if (!slice) continue;
      const file = `inter-${slice}-${weight}-normal.woff2`;
      const key = await put(file, await fs.readFile(path.join(interDir, file)), 'font/woff2');
      const face = block.slice(block.indexOf('@font-face'));
      faces.push(face.replace(/src: [^;]+;/, `src: url(${path.basename(key)}) format('woff2');`));
    }
  }
  const css = `${faces.join('\n')}\n${await fs.readFile(path.join(root, 'assets/site/site.css'), 'utf8')}`;
  return {
    css: await put('site.css', css, 'text/css; charset=utf-8'),
    script: await put('track.js', await fs.readFile(path.join(root, 'assets/site/track.js')), 'text/javascript; charset=utf-8'),
    interactive: await put('page.js', await bundlePageScript({ entry: path.join(root, 'assets/site/interactive/main.ts') }), 'text/javascript; charset=utf-8'),
    logo: await put('logo.svg', await fs.readFile(path.join(root, 'assets/brand/aurora-logo.svg')), 'image/svg+xml'),
  };
}
