import path from 'node:path';
import { buildApp } from '../../server/api/build-app.ts';
import { makeToken } from '../../server/store/make-token.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { openLocalPublisher } from '../../server/publish/open-local-publisher.ts';
import { publishBrandAssets } from '../../server/publish/publish-brand-assets.ts';
import { publishRecipient } from '../../server/publish/publish-recipient.ts';
import { publishSiteAssets } from '../../server/publish/publish-site-assets.ts';
import type { RenderedMedia } from '../../server/render/open-renderer.ts';
import { makeMicrosite } from '../../server/render/make-microsite.ts';
import type { BrandKit } from '../../templates/brand/brand-kit.ts';
import { productLocales, type ProductLocale } from '../../templates/pages/page-copy.ts';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { closeAll, listenAndLaunch, type Closers } from './listen-and-launch.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';

/** One example record of the template per product locale: its own example in that locale, else its first one moved to it. */
export function listLocaleRecords(template: TemplateDefinition): { locale: ProductLocale; record: BaseRecord }[] {
  return productLocales.map((locale) => {
    const example = template.examples.find((candidate) => candidate.locale === locale) ?? {
      ...template.examples[0],
      locale,
    };
    return { locale, record: template.schema.parse(example) };
  });
}

/** A page to open: which template, locale and brand it shows, and its token. */
export type PublishedPage = { templateId: string; locale: ProductLocale; branded: boolean; token: string };

/**
 * Publishes the real page (real page code, shared assets, optional brand kit) of each case with
 * the given media into a fresh site folder, serves it as `kindly serve` does, and launches Chromium.
 */
export async function publishTemplatePages(options: {
  cases: readonly { template: TemplateDefinition; locale: ProductLocale; record: BaseRecord; brand?: BrandKit }[];
  media: (templateId: string, locale: ProductLocale) => Promise<RenderedMedia> | RenderedMedia;
}) {
  const closers: Closers = [];
  const temp = await makeTempDir('template-pages');
  closers.push(() => temp.remove());
  const db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  closers.push(() => db.close());
  const siteDir = path.join(temp.dir, 'site');
  const publisher = openLocalPublisher({ root: siteDir });
  const assets = await publishSiteAssets({ publisher });
  const app = await buildApp({ db, siteDir });
  const { base, browser } = await listenAndLaunch({ app, closers });
  const pages: PublishedPage[] = [];
  for (const { template, locale, record, brand } of options.cases) {
    const token = makeToken();
    const branded = brand ? { ...assets, ...(await publishBrandAssets({ publisher, brand })) } : assets;
    const html = await makeMicrosite({
      template,
      record: brand ? ({ ...record, brand } as BaseRecord) : record,
      token,
      trackBase: base,
      assets: branded,
    });
    await publishRecipient({ publisher, token, media: await options.media(template.id, locale), html });
    pages.push({ templateId: template.id, locale, branded: Boolean(brand), token });
  }
  return { base, browser, pages, siteDir, close: () => closeAll(closers) };
}
